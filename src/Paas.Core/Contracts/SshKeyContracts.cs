namespace Paas.Core.Contracts;

/// <summary>ssh-keys:add. <see cref="User"/> names another user's key (administrators only); null is the caller's own.</summary>
public sealed record AddSshKeyRequest(string Name, string Key, string? User = null);

public sealed record SshKeyView(long Id, string Name, string Fingerprint, string User, DateTimeOffset CreatedAt);
