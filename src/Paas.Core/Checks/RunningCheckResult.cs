namespace Paas.Core.Checks;

/// <summary>
/// What one liveness or readiness check of an instance said last, recorded when its outcome changes (a check's first
/// result for a container, a failure, a recovery). <see cref="Key"/> tells an instance's checks apart (the check's
/// position among its process type's liveness/readiness checks); <see cref="ContainerId"/> is the container it was
/// said of: a restarted instance keeps its old container's results until the new one's first.
/// </summary>
public sealed record RunningCheckResult(
    string Key,
    HealthCheckType Type,
    string Name,
    bool Ok,
    string Message,
    DateTimeOffset At,
    string ContainerId)
{
    /// <summary>"readiness 'ready' failed 2 times in a row (status 500)": the line ps:report and the logs show.</summary>
    public string Summary => $"{Type.ToString().ToLowerInvariant()} '{Name}' {Message}";
}
