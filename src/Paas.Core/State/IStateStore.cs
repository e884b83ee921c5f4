namespace Paas.Core.State;

/// <summary>Entry point to the state database: every Engine operation runs in one session, one transaction.</summary>
public interface IStateStore
{
    /// <summary>Throws <see cref="Errors.StateUnavailableException"/> when the database cannot be reached.</summary>
    Task<IStateSession> BeginAsync(CancellationToken ct);

    /// <summary>A round trip to the database (for /health); throws <see cref="Errors.StateUnavailableException"/> when it fails.</summary>
    Task CheckAsync(CancellationToken ct);
}
