namespace Paas.Core.Releases;

/// <summary>A release that runs (or can be rolled back to) an image.</summary>
public sealed record ImageUse(string App, int Version);
