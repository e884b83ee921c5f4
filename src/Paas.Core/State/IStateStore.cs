namespace Paas.Core.State;

/// <summary>Entry point to the state database: every Engine operation runs in one session, one transaction.</summary>
public interface IStateStore
{
    Task<IStateSession> BeginAsync(CancellationToken ct);
}
