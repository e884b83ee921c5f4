namespace Paas.Core.Contracts;

/// <summary>
/// <c>GET /api/v1/apps/APP/metrics?range=1h|24h</c>: one series per process type, points oldest
/// first, <see cref="StepSeconds"/> apart (a point is missing where nothing ran).
/// </summary>
public sealed record AppMetrics(string App, string Range, int StepSeconds, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<ProcessMetrics> Processes);

/// <summary>A process type's series. <see cref="MemoryLimitBytes"/> is the latest total limit of its instances (null: unlimited).</summary>
public sealed record ProcessMetrics(string ProcessType, long? MemoryLimitBytes, IReadOnlyList<MetricsPoint> Points);

/// <summary>
/// One point: totals over the type's instances, averaged over the point's width. CPU percent: 100 =
/// one core (two busy instances make 200). Restarts: the instances' restart counts added up.
/// </summary>
public sealed record MetricsPoint(DateTimeOffset Time, double CpuPercent, double CpuPercentMax, long MemoryBytes, long MemoryBytesMax, int Restarts);

/// <summary>
/// One instance's latest sample (the overview's live figures): CPU over the sampler's last interval
/// (100 = one core) and memory charged to its cgroup when sampled.
/// </summary>
public sealed record InstanceUsage(string Dyno, string ContainerId, DateTimeOffset SampledAt, double CpuPercent, long MemoryBytes, long? MemoryLimitBytes);
