namespace Paas.Core.Containers;

/// <summary>
/// OCI containers on this host. Containers outlive the process that drives this interface:
/// a monitor per container owns its stdio, logs and exit status.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>Prepares rootfs, network and OCI bundle; the command is not started yet. Bad input fails with nothing left behind.</summary>
    Task<ContainerInfo> CreateAsync(ContainerSpec spec, CancellationToken ct);

    Task<ContainerInfo> StartAsync(string id, CancellationToken ct);

    /// <summary>SIGTERM, then SIGKILL when the container is still running after <paramref name="grace"/>.</summary>
    Task<ContainerInfo> StopAsync(string id, TimeSpan grace, CancellationToken ct);

    Task KillAsync(string id, int signal, CancellationToken ct);

    /// <summary>
    /// Waits until the container's process has exited and its exit is recorded, or until
    /// <paramref name="timeout"/>; returns the state then (still running when it timed out).
    /// </summary>
    Task<ContainerInfo> WaitForExitAsync(string id, TimeSpan timeout, CancellationToken ct);

    /// <summary>Kills if needed, then removes bundle, upper dir, cgroup and network attachment. Logs stay.</summary>
    Task DeleteAsync(string id, CancellationToken ct);

    Task<ContainerInfo?> FindAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<ContainerInfo>> ListAsync(CancellationToken ct);

    /// <summary>
    /// The containers whose labels <paramref name="select"/> accepts (one app's instances, say): only
    /// those are inspected, so others' (a build running, a one-off) cost a file read and no wait.
    /// </summary>
    Task<IReadOnlyList<ContainerInfo>> ListAsync(Func<IReadOnlyDictionary<string, string>, bool> select, CancellationToken ct);

    /// <summary>Runs <paramref name="command"/> in the running container with its user, env and limits.</summary>
    Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? env, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// Exits as they happen, from the call until <paramref name="ct"/> is cancelled: the state of each
    /// container whose process ended (Stopped, exit code, OOM), recorded before it is yielded, once per
    /// exit. One watch on the shared exit directory serves every container; nothing polls per container.
    /// Exits before the call are not repeated (ListAsync shows them). Attached runs are left out: their
    /// caller already waits for them.
    /// </summary>
    IAsyncEnumerable<ContainerInfo> WatchExitsAsync(CancellationToken ct);

    /// <summary>
    /// Creates and starts a container whose stdout and stderr go to <paramref name="output"/> line by
    /// line as they are written, and never into the app's log history; waits for it to exit and
    /// deletes it (its volumes stay). Cancellation of <paramref name="ct"/> or passing
    /// <paramref name="timeout"/> kills it, deletes it, and then throws
    /// <see cref="OperationCanceledException"/> or <see cref="TimeoutException"/>. Returns the
    /// final state (exit code, OOM) otherwise.
    /// </summary>
    Task<ContainerInfo> RunAttachedAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// Like <see cref="RunAttachedAsync"/>; when the command exits 0, what it changed in the container's
    /// filesystem (files added, changed or deleted, outside volumes) is packed as one new layer on top
    /// of <see cref="ContainerSpec.Image"/>, stored as <paramref name="reference"/> with the same config,
    /// before the container is deleted (Docker's `commit`, as Dokku does after a predeploy script).
    /// Any other exit commits nothing and returns no image.
    /// </summary>
    Task<CommittedRun> RunAttachedAndCommitAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout, string reference, CancellationToken ct);

    /// <summary>
    /// Like <see cref="RunAttachedAsync"/>, but with the container's stdin fed from
    /// <paramref name="session"/> and its output passed on as raw bytes as they are written
    /// (a terminal when the session asks for one). Never in the app's log history; deleted at the end.
    /// </summary>
    Task<ContainerInfo> RunInteractiveAsync(ContainerSpec spec, IInteractiveSession session, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="command"/> in the running container (its user, env and limits) attached to
    /// <paramref name="session"/>; returns the command's exit code. Cancellation or <paramref name="timeout"/>
    /// kill the command (not the container) and throw as <see cref="RunAttachedAsync"/> does.
    /// </summary>
    Task<int> ExecInteractiveAsync(string id, IReadOnlyList<string> command, IInteractiveSession session, TimeSpan timeout, CancellationToken ct);

    /// <summary>
    /// The host uid and gid that stand for <paramref name="containerUid"/>/<paramref name="containerGid"/>
    /// inside containers (the user namespace's mapping; the same ids without one). Whoever prepares a
    /// host directory a container is to write to (a build dir, a cache) chowns it to these.
    /// </summary>
    (uint Uid, uint Gid) ToHostIds(uint containerUid, uint containerGid);

    Task<ContainerStats> StatsAsync(string id, CancellationToken ct);

    /// <summary>At paasd start: what still runs and what exited meanwhile (recorded before returning).</summary>
    Task<RecoveryReport> RecoverAsync(CancellationToken ct);
}
