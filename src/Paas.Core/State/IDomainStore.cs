namespace Paas.Core.State;

public interface IDomainStore
{
    Task<IReadOnlyList<string>> ListAsync(long appId, CancellationToken ct);

    /// <summary>
    /// Adds the domain (nothing when the app has it already). Throws <see cref="Errors.ConflictException"/>
    /// when another app holds it, decided by the database, so concurrent adds have exactly one winner.
    /// Within one session, add names in ordinal order so that concurrent sessions never wait for each other in a cycle.
    /// </summary>
    Task AddAsync(long appId, string domain, CancellationToken ct);

    Task<bool> RemoveAsync(long appId, string domain, CancellationToken ct);
}
