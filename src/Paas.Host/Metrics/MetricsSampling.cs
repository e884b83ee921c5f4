using Paas.Core.Errors;
using Paas.Engine.Metrics;

namespace Paas.Host.Metrics;

/// <summary>
/// Runs <see cref="MetricsSampler"/> every PAAS_METRICS_INTERVAL. PostgreSQL being away skips ticks:
/// one warning when it goes, one line when it is back, nothing in between.
/// </summary>
public sealed partial class MetricsSampling(MetricsSampler sampler, MetricsSettings settings, TimeProvider time, ILogger<MetricsSampling> log)
    : BackgroundService
{
    private bool _databaseAway;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            await sampler.TickAsync(ct);
            if (_databaseAway) DatabaseBack(log);
            _databaseAway = false;
        }
        catch (StateUnavailableException e)
        {
            if (!_databaseAway) DatabaseAway(log, e.Message);
            _databaseAway = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One bad tick (an unexpected cgroup file, say) must not stop sampling for good.
            TickFailed(log, e);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "metrics: sampling skipped until the state database answers again ({Reason})")]
    private static partial void DatabaseAway(ILogger logger, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "metrics: the state database answers again; sampling resumed")]
    private static partial void DatabaseBack(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "metrics: a sampling tick failed")]
    private static partial void TickFailed(ILogger logger, Exception exception);
}
