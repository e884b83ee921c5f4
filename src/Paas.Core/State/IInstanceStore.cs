using Paas.Core.Deploys;

namespace Paas.Core.State;

/// <summary>The <c>containers</c> rows: actual state, one per instance.</summary>
public interface IInstanceStore
{
    Task<IReadOnlyList<Instance>> ListAsync(long appId, CancellationToken ct);

    /// <summary>Every app's instances (the scheduler's start-up pass and the routing table).</summary>
    Task<IReadOnlyList<Instance>> ListAllAsync(CancellationToken ct);

    Task<Instance?> FindAsync(long id, CancellationToken ct);

    Task<Instance?> FindByContainerAsync(string containerId, CancellationToken ct);

    Task<Instance> AddAsync(long appId, int releaseVersion, string processType, int number, long? deploymentId, CancellationToken ct);

    /// <summary>A (re)started container: its id, address and process, state <paramref name="state"/>. The last exit stays (a crash loop shows it).</summary>
    Task MarkStartedAsync(long id, string containerId, string? address, int? pid, long? pidStartTime, string bootId,
        InstanceState state, DateTimeOffset startedAt, CancellationToken ct);

    Task SetStateAsync(long id, InstanceState state, CancellationToken ct);

    /// <summary>The process ended: exit code, OOM, and when it may restart (null: it does not).</summary>
    Task MarkExitedAsync(long id, int? exitCode, bool oomKilled, DateTimeOffset finishedAt, InstanceState state,
        int consecutiveFailures, DateTimeOffset? nextRestartAt, CancellationToken ct);

    /// <summary>Counts a restart and forgets the old container (its row stays, the instance is the same).</summary>
    Task MarkRestartingAsync(long id, CancellationToken ct);

    Task RetireAsync(IReadOnlyCollection<long> ids, DateTimeOffset retireAt, CancellationToken ct);

    Task DeleteAsync(long id, CancellationToken ct);
}
