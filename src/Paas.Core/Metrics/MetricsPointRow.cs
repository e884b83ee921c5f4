namespace Paas.Core.Metrics;

/// <summary>One process type's point as the store reads it: totals over the type's instances, averaged over the point's width.</summary>
public sealed record MetricsPointRow(string ProcessType, DateTimeOffset Time, double CpuPercent, double CpuPercentMax, long MemoryBytes, long MemoryBytesMax,
    long? MemoryLimitBytes, int Restarts);
