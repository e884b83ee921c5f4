using Paas.Core.Containers;
using Paas.Core.Networking;

namespace Paas.Host.Runtime;

/// <summary>
/// At paasd start: learn what the container monitors kept running while paasd was away, record
/// what exited meanwhile, and release network attachments of containers that no longer exist.
/// </summary>
public sealed partial class RuntimeRecovery(IContainerRuntime runtime, IContainerNetwork network, ILogger<RuntimeRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await runtime.RecoverAsync(cancellationToken);
        var live = report.Running.Concat(report.Created).Select(c => c.Id).ToHashSet();
        var released = await network.RemoveStaleAsync(live, cancellationToken);
        LogRecovered(logger, report.Running.Count, report.ExitedMeanwhile.Count, released);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Recovered containers: {Running} running, {Exited} exited while paasd was away; {Released} stale network attachments released")]
    private static partial void LogRecovered(ILogger logger, int running, int exited, int released);
}
