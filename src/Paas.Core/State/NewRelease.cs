namespace Paas.Core.State;

public sealed record NewRelease(
    long AppId,
    string? ImageDigest,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> ProcessTypes,
    string Description,
    string CreatedBy);
