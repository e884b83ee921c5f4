namespace Paas.Engine.Metrics;

/// <summary>
/// PAAS_METRICS_INTERVAL (seconds between samples), PAAS_METRICS_RAW_MINUTES (how long raw samples
/// stay before they are rolled into minute rows), PAAS_METRICS_RETENTION_DAYS (how long minute rows stay).
/// </summary>
public sealed record MetricsSettings
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromMinutes(60);
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);
}
