using Paas.Engine.Builds;

namespace Paas.Host.Builds;

/// <summary>
/// At paasd start: builds the previous paasd left unfinished (it was stopped or killed mid-build)
/// are recorded as failed, so `builds APP` never shows a build "running" that nothing runs. Their
/// containers were removed by the runtime's recovery; their pushers saw the connection drop.
/// </summary>
public sealed partial class BuildRecovery(InterruptedBuilds builds, ILogger<BuildRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await builds.RecordAsync(cancellationToken);
        if (interrupted > 0) LogInterrupted(logger, interrupted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "{Count} builds were interrupted by paasd's stop and are recorded as failed")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
