namespace Paas.Core.Contracts;

/// <summary>`ps:report`: what should run, what runs, and how the last deploys went.</summary>
public sealed record ProcessReport(
    string App,
    int? ServingRelease,
    int? LatestRelease,
    bool Stopped,
    string RestartPolicy,
    int StopTimeoutSeconds,
    IReadOnlyDictionary<string, int> Formation,
    IReadOnlyList<InstanceView> Instances,
    IReadOnlyList<DeploymentView> Deployments);

/// <summary>
/// One instance: <see cref="State"/> is starting, checking, running, exited, crashed or retiring. <see cref="Ready"/> is false
/// while a failing app.json readiness check holds it out of the routes (since <see cref="NotReadySince"/>);
/// <see cref="Checks"/> is what each of its liveness/readiness checks said last, when that changed, and
/// <see cref="LastCheck"/> (with <see cref="LastCheckOk"/> and <see cref="LastCheckAt"/>) the latest of those (null before any).
/// </summary>
public sealed record InstanceView(
    string Dyno,
    int Release,
    string State,
    string? ContainerId,
    string? Address,
    int Restarts,
    int? LastExitCode,
    bool OomKilled,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextRestartAt,
    bool Ready = true,
    DateTimeOffset? NotReadySince = null,
    string? LastCheck = null,
    bool? LastCheckOk = null,
    DateTimeOffset? LastCheckAt = null,
    IReadOnlyList<InstanceCheckView>? Checks = null);

/// <summary>
/// One liveness or readiness check of an instance and what it said last: <see cref="Summary"/> is the line ps:report
/// shows ("readiness 'ready' failed 2 times in a row (status 500)"); <see cref="Current"/> is false for a result said
/// of the instance's previous container (after a restart, until the new one's first result).
/// </summary>
public sealed record InstanceCheckView(string Type, string Name, bool Ok, string Message, string Summary, DateTimeOffset At, bool Current);

public sealed record DeploymentView(
    long Id,
    int Release,
    string Reason,
    string Status,
    string Phase,
    IReadOnlyList<DeploymentPhaseView> Phases,
    string CreatedBy,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

public sealed record DeploymentPhaseView(string Name, double Seconds);

/// <summary>The outcome of ps:restart, ps:start, releases:rollback: the release that serves now.</summary>
public sealed record DeployResult(int Release, long Deployment);

public sealed record RollbackRequest(int Version);

public sealed record SetProcessSettingRequest(string? Value);
