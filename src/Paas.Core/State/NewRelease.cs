namespace Paas.Core.State;

/// <summary>A release to insert: <see cref="Commit"/> is the code it runs, <see cref="BuildId"/> the build that made its image (none for config-only releases).</summary>
public sealed record NewRelease(
    long AppId,
    string? ImageDigest,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> ProcessTypes,
    string Description,
    string CreatedBy,
    string? Commit = null,
    long? BuildId = null);
