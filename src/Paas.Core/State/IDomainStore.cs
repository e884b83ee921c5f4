namespace Paas.Core.State;

public interface IDomainStore
{
    Task<IReadOnlyList<string>> ListAsync(long appId, CancellationToken ct);

    /// <summary>Returns the name of the app that already has this domain, if any.</summary>
    Task<string?> FindOwnerAsync(string domain, CancellationToken ct);

    Task AddAsync(long appId, string domain, CancellationToken ct);

    Task<bool> RemoveAsync(long appId, string domain, CancellationToken ct);
}
