using Paas.Core.Contracts;

namespace Paas.Core.Metrics;

/// <summary>A process type's series in a few figures: the latest point, the average and the peak over the range, restarts now.</summary>
public sealed record MetricsSummary(
    string ProcessType,
    double CpuNow,
    double CpuAverage,
    double CpuMax,
    long MemoryNow,
    long MemoryAverage,
    long MemoryMax,
    long? MemoryLimitBytes,
    int Restarts)
{
    /// <summary>Null for a series without points.</summary>
    public static MetricsSummary? Of(ProcessMetrics series)
    {
        if (series.Points.Count == 0) return null;
        var last = series.Points[^1];
        return new MetricsSummary(series.ProcessType,
            last.CpuPercent, series.Points.Average(p => p.CpuPercent), series.Points.Max(p => p.CpuPercentMax),
            last.MemoryBytes, (long)series.Points.Average(p => p.MemoryBytes), series.Points.Max(p => p.MemoryBytesMax),
            series.MemoryLimitBytes, last.Restarts);
    }
}
