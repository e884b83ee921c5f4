using Paas.Core.Checks;
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
    /// A liveness or readiness check's outcome changed for the container <see cref="RunningCheckResult.ContainerId"/>: it
    /// replaces that check's last result (and the row's single last check). A readiness result sets the instance's
    /// readiness from all its readiness checks on that container: out of the routes while one of them failed (keeping
    /// the first <c>not_ready_since</c>), back in once none does; a liveness result leaves readiness as it is.
    /// Null for a container no row names (nothing happens).
    /// </summary>
    Task<ReadinessChange?> RecordCheckAsync(RunningCheckResult result, CancellationToken ct);

    /// <summary>
    /// Puts back in the routes the running instances held out by readiness checks that no longer apply (the
    /// check went from app.json, or checks:skip/disable); <paramref name="checkedContainers"/> are those still checked.
    /// True when one changed.
    /// </summary>
    Task<bool> ClearNotReadyExceptAsync(IReadOnlyCollection<string> checkedContainers, CancellationToken ct);

    Task RetireAsync(IReadOnlyCollection<long> ids, DateTimeOffset retireAt, CancellationToken ct);

    Task DeleteAsync(long id, CancellationToken ct);
}
