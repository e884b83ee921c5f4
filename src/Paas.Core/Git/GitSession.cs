namespace Paas.Core.Git;

/// <summary>
/// How one git protocol exchange runs: <see cref="StatelessRpc"/> for smart HTTP (one request each
/// for the ref advertisement and the pack), a plain bidirectional session for SSH.
/// <see cref="Environment"/> reaches git and its hooks (the push token, GIT_PROTOCOL).
/// </summary>
public sealed record GitSession(
    GitService Service,
    bool StatelessRpc,
    bool AdvertiseRefsOnly,
    IReadOnlyDictionary<string, string> Environment);
