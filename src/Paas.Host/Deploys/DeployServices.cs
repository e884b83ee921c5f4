using Paas.Core.State;
using Paas.Engine.Checks.Running;
using Paas.Engine.Deploys;
using Paas.Engine.Routing;

namespace Paas.Host.Deploys;

/// <summary>
/// The deploy machinery that runs beside the API: at start, deploys a crashed paasd left running
/// are failed (their new containers are removed by the scheduler); then the scheduler, the
/// routing table writer and the liveness/readiness checks of running containers run until paasd stops. Both re-read everything when they start listening,
/// so what changed while paasd was down is caught up at once.
/// </summary>
public sealed partial class DeployServices(
    IStateStore state,
    IStateChanges changes,
    Scheduler scheduler,
    RoutingTableWriter routing,
    RunningCheckMonitor runningChecks,
    ILogger<DeployServices> logger) : BackgroundService
{
    public const string InterruptedError = "paasd stopped during this deploy; `paas ps:report` shows which release serves";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailInterruptedAsync(stoppingToken);
        await Task.WhenAll(
            Task.Run(() => routing.RunAsync(changes, stoppingToken), stoppingToken),
            Task.Run(() => scheduler.RunAsync(changes, stoppingToken), stoppingToken),
            Task.Run(() => runningChecks.RunAsync(changes, stoppingToken), stoppingToken));
    }

    private async Task FailInterruptedAsync(CancellationToken ct)
    {
        try
        {
            await using var session = await state.BeginAsync(ct);
            var failed = await session.Deployments.FailRunningAsync(InterruptedError, ct);
            await session.CommitAsync(ct);
            if (failed.Count > 0) LogInterrupted(logger, failed.Count);
        }
        catch (Core.Errors.StateUnavailableException e)
        {
            // PostgreSQL is down: the apps keep running; this is done when paasd next starts with it up.
            LogStateDown(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deploys were interrupted by paasd's stop and are marked failed")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not mark interrupted deploys: the state database is unavailable")]
    private static partial void LogStateDown(ILogger logger, Exception e);
}
