namespace Paas.Core.Contracts;

public sealed record CreateTokenRequest(string Name);

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedToken(long Id, string Name, string Token);

public sealed record TokenView(long Id, string Name, string User, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
