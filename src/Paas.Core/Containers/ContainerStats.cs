namespace Paas.Core.Containers;

/// <summary>
/// Counters read from the container's cgroup. <see cref="MemoryPeakBytes"/> is null where the
/// kernel does not keep a peak (cgroup v2 before Linux 5.19).
/// </summary>
public sealed record ContainerStats(
    string Id,
    TimeSpan CpuTime,
    long MemoryBytes,
    long? MemoryPeakBytes,
    long? MemoryLimitBytes,
    int Pids,
    DateTimeOffset ReadAt);
