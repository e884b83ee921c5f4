namespace Paas.Core.State;

/// <summary>
/// One deploy (or scale, restart, reconcile) per app at a time, across processes: a PostgreSQL
/// advisory lock held by a connection of its own for as long as the work takes, while the work
/// itself commits in short transactions.
/// </summary>
public interface IAppLocks
{
    /// <summary>Waits for the app's lock; dispose to release it. Throws <see cref="Errors.StateUnavailableException"/> when the database is down.</summary>
    Task<IAsyncDisposable> AcquireAsync(long appId, CancellationToken ct);

    /// <summary>The lock if it is free now, else null (the scheduler does not queue behind a deploy).</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(long appId, CancellationToken ct);
}
