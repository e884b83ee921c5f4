namespace Paas.Core.State;

/// <summary>
/// Committed changes as the database announces them (pg_notify in the changing transaction). The
/// stream starts with <see cref="StateChange.Resync"/> and repeats it after every reconnect, so a
/// listener that re-reads on it never misses a change. It waits while the database is down.
/// </summary>
public interface IStateChanges
{
    IAsyncEnumerable<StateChange> ListenAsync(CancellationToken ct);
}
