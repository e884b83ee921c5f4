namespace Paas.Core.Auth;

/// <summary>The failed logins recorded for one subject ('user:NAME' or 'address:IP').</summary>
public sealed record LoginFailures(string Subject, int Failures, DateTimeOffset FirstFailureAt, DateTimeOffset LastFailureAt, DateTimeOffset? LockedUntil);
