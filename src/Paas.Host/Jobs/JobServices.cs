using Paas.Core.State;
using Paas.Engine.Jobs;

namespace Paas.Host.Jobs;

/// <summary>The outbox dispatcher, from paasd's start until it stops (it re-reads the outbox whenever it reconnects).</summary>
public sealed class JobServices(IStateChanges changes, OutboxDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => dispatcher.RunAsync(changes, stoppingToken), stoppingToken);
}
