namespace Paas.Core.Contracts;

/// <summary>A release as listed: config values are not part of it.</summary>
public sealed record ReleaseView(int Version, string Description, string? ImageDigest, string CreatedBy, DateTimeOffset CreatedAt, string? Commit = null, long? BuildId = null);
