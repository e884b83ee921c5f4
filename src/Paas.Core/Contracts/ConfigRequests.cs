namespace Paas.Core.Contracts;

/// <summary>
/// One change of an app's config: keys to set and keys to unset, applied in one transaction.
/// <see cref="NoRestart"/> is recorded on the release so the scheduler leaves running containers alone.
/// </summary>
public sealed record ConfigChangeRequest(
    IReadOnlyDictionary<string, string>? Set,
    IReadOnlyList<string>? Unset,
    bool NoRestart = false);

/// <summary>What a config change did: which keys changed and the release it created, if the app has releases.</summary>
public sealed record ConfigChangeResult(IReadOnlyList<string> Changed, int? Release);

public sealed record ConfigValue(string Key, string Value);
