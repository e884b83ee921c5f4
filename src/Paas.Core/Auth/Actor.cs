namespace Paas.Core.Auth;

/// <summary>Who performs an operation; recorded in the audit log.</summary>
public sealed record Actor(long UserId, string Name, Role Role, string Via)
{
    public bool IsAdmin => Role == Role.Admin;
}
