namespace Paas.Core.Contracts;

/// <summary>tokens:create. <see cref="User"/> names another user to create the token for (administrators only); null is the caller.</summary>
public sealed record CreateTokenRequest(string Name, string? User = null);

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedToken(long Id, string Name, string Token)
{
    /// <summary>Whose token it is.</summary>
    public string? User { get; init; }
}

public sealed record TokenView(long Id, string Name, string User, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
