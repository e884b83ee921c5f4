namespace Paas.Core.Images;

/// <summary>A host path bound into a container's root filesystem.</summary>
public sealed record BindMount(string Source, string Destination, bool ReadOnly);
