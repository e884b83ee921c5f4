using Paas.Builds;

namespace Paas.Host.Builds;

/// <summary>
/// At paasd start: builds run inside paasd, so none runs yet and every workspace left under
/// $PAAS_ROOT/builds belongs to a build a dead paasd was running; they go (caches stay).
/// </summary>
public sealed partial class BuildWorkspaceRecovery(BuildRunner runner, ILogger<BuildWorkspaceRecovery> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = runner.RemoveAbandonedWorkspaces();
        if (removed > 0) LogRemoved(logger, removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Removed {Count} build workspaces left by builds paasd was running when it stopped")]
    private static partial void LogRemoved(ILogger logger, int count);
}
