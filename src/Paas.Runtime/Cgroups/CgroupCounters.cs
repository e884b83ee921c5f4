namespace Paas.Runtime.Cgroups;

/// <summary>Raw counters of one cgroup, whatever the hierarchy version.</summary>
public sealed record CgroupCounters(
    TimeSpan CpuTime,
    long MemoryBytes,
    long? MemoryPeakBytes,
    long? MemoryLimitBytes,
    int Pids,
    long OomKills);
