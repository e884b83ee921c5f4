using Paas.Core.Checks;

namespace Paas.Core.Deploys;

/// <summary>
/// One instance APP.TYPE.N of a release, as the database knows it: <see cref="ContainerId"/> is the
/// runtime's container (a new one after each restart), <see cref="BootId"/> and
/// <see cref="PidStartTime"/> tell whether the process seen at <see cref="Pid"/> is still the one
/// started (after a host reboot the pid means nothing). <see cref="NotReadySince"/> is set while a
/// readiness check holds the instance out of the routes; <see cref="CheckResults"/> is what each of its liveness and
/// readiness checks said last, and <see cref="LastCheck"/> the last of those (recorded when an outcome changes, not on
/// every probe).
/// </summary>
public sealed record Instance(
    long Id,
    long AppId,
    int ReleaseVersion,
    string ProcessType,
    int Number,
    string? ContainerId,
    InstanceState State,
    string? Address,
    int? Pid,
    long? PidStartTime,
    string? BootId,
    int Restarts,
    int ConsecutiveFailures,
    int? LastExitCode,
    bool OomKilled,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextRestartAt,
    DateTimeOffset? RetireAt,
    long? DeploymentId,
    DateTimeOffset? NotReadySince = null,
    string? LastCheck = null,
    bool? LastCheckOk = null,
    DateTimeOffset? LastCheckAt = null,
    IReadOnlyList<RunningCheckResult>? CheckResults = null)
{
    /// <summary>"web.1", Heroku's DYNO value.</summary>
    public string Dyno => $"{ProcessType}.{Number}";
}
