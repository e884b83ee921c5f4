namespace Paas.Core.Containers;

/// <summary>
/// A container as the runtime sees it now. <see cref="ExitCode"/> is the process status, or
/// 128 + signal when a signal killed it; <see cref="OomKilled"/> says the kernel's OOM killer
/// fired in its cgroup.
/// </summary>
public sealed record ContainerInfo(
    string Id,
    ContainerSpec Spec,
    ContainerStatus Status,
    int? Pid,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    bool OomKilled,
    string? IpAddress);
