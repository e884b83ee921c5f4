namespace Paas.Core.Auth;

/// <summary>A token as stored: only its hash is kept, so the secret is shown once, at creation.</summary>
public sealed record ApiToken(long Id, string Name, long UserId, string UserName, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
