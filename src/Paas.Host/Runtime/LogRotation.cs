using Paas.Runtime.Logs;

namespace Paas.Host.Runtime;

/// <summary>
/// Keeps every app's log history within its size budget. Container monitors append to the files
/// on their own, so the sizes are checked periodically; rotation never drops a line being followed.
/// </summary>
public sealed class LogRotation(LogRotator rotator) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        rotator.RunPeriodicallyAsync(Interval, stoppingToken);
}
