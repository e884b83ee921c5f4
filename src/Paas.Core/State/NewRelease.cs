namespace Paas.Core.State;

/// <summary>A release to insert: <see cref="Commit"/> is the code it runs, <see cref="BuildId"/> the build that made its image (none for config-only releases);
/// <see cref="AppJson"/> and <see cref="ChecksFile"/> are those files of the pushed tree, which the deploy reads.</summary>
public sealed record NewRelease(
    long AppId,
    string? ImageDigest,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> ProcessTypes,
    string Description,
    string CreatedBy,
    string? Commit = null,
    long? BuildId = null,
    string? AppJson = null,
    string? ChecksFile = null);
