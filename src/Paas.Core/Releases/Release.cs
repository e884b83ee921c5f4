namespace Paas.Core.Releases;

/// <summary>An immutable release: image + config snapshot + process types. Never updated after insert.</summary>
public sealed record Release(
    long Id,
    long AppId,
    int Version,
    string? ImageDigest,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> ProcessTypes,
    string Description,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? Commit = null,
    long? BuildId = null,
    string? AppJson = null,
    string? ChecksFile = null);
