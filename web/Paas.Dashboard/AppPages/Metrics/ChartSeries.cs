namespace Paas.Dashboard.AppPages.Metrics;

/// <summary>One line of a chart: a process type's values over time, oldest first; <see cref="Note"/> goes in the legend.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? Note = null);

public readonly record struct ChartPoint(DateTimeOffset Time, double Value);
