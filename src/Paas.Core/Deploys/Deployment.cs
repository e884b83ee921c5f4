namespace Paas.Core.Deploys;

/// <summary>
/// One deploy of <see cref="ReleaseVersion"/>: why (<see cref="Reason"/>: push, config, rollback,
/// restart, ...), who, the phases it passed with their durations, its output, and why it failed.
/// </summary>
public sealed record Deployment(
    long Id,
    long AppId,
    int ReleaseVersion,
    int? PreviousRelease,
    string Reason,
    DeploymentStatus Status,
    string Phase,
    IReadOnlyList<DeploymentPhase> Phases,
    string Log,
    string CreatedBy,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A phase the deploy finished, with how long it took.</summary>
public sealed record DeploymentPhase(string Name, double Seconds);
