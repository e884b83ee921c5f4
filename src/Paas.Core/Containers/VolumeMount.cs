namespace Paas.Core.Containers;

/// <summary>A host directory bound into a container. The source must lie under an allowed root.</summary>
public sealed record VolumeMount(string Source, string Destination, bool ReadOnly);
