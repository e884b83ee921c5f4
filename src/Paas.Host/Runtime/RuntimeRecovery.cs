using Paas.Core.Containers;

namespace Paas.Host.Runtime;

/// <summary>
/// At paasd start: learn what the container monitors kept running while paasd was away, record
/// what exited meanwhile, and release what a crash left half-made (the runtime also drops network
/// attachments of containers that no longer exist).
/// </summary>
public sealed partial class RuntimeRecovery(IContainerRuntime runtime, ILogger<RuntimeRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await runtime.RecoverAsync(cancellationToken);
        LogRecovered(logger, report.Running.Count, report.ExitedMeanwhile.Count, report.Created.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Recovered containers: {Running} running, {Exited} exited while paasd was away, {Created} created but not started")]
    private static partial void LogRecovered(ILogger logger, int running, int exited, int created);
}
