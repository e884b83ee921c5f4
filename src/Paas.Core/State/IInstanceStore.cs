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

    /// <summary>
    /// A (re)started container: its id, address and process, state <paramref name="state"/>. It starts ready (in the
    /// routes once running). The last exit and the last check's outcome stay (a crash loop, a liveness kill show them).
    /// </summary>
    Task MarkStartedAsync(long id, string containerId, string? address, int? pid, long? pidStartTime, string bootId,
        InstanceState state, DateTimeOffset startedAt, CancellationToken ct);

    Task SetStateAsync(long id, InstanceState state, CancellationToken ct);

    /// <summary>The process ended: exit code, OOM, and when it may restart (null: it does not).</summary>
    Task MarkExitedAsync(long id, int? exitCode, bool oomKilled, DateTimeOffset finishedAt, InstanceState state,
        int consecutiveFailures, DateTimeOffset? nextRestartAt, CancellationToken ct);

    /// <summary>Counts a restart and forgets the old container (its row stays, the instance is the same).</summary>
    Task MarkRestartingAsync(long id, CancellationToken ct);

    /// <summary>
    /// A liveness or readiness check's outcome changed for the container: <paramref name="ready"/> true or false moves
    /// it into or out of the routes (false keeps the first <c>not_ready_since</c>), null leaves that as it is.
    /// True when the readiness changed (the routes must follow). Nothing happens for a container no row names.
    /// </summary>
    Task<bool> RecordCheckAsync(string containerId, bool? ready, bool ok, string summary, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Puts back in the routes the running instances held out by readiness checks that no longer apply (the
    /// check went from app.json, or checks:skip/disable); <paramref name="checkedContainers"/> are those still checked.
    /// True when one changed.
    /// </summary>
    Task<bool> ClearNotReadyExceptAsync(IReadOnlyCollection<string> checkedContainers, CancellationToken ct);

    Task RetireAsync(IReadOnlyCollection<long> ids, DateTimeOffset retireAt, CancellationToken ct);

    Task DeleteAsync(long id, CancellationToken ct);
}
