using Paas.Core.Auth;

namespace Paas.Engine.Users;

/// <summary>What a login attempt came to: the user (and the stamp to put in the cookie), a refusal, or a lock.</summary>
public sealed record LoginOutcome(Actor? Actor, string? SecurityStamp, DateTimeOffset? RetryAt)
{
    public bool Succeeded => Actor is not null;
    public bool Throttled => RetryAt is not null;

    public static LoginOutcome Invalid { get; } = new(null, null, null);
}
