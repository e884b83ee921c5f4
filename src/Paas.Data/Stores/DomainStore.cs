using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class DomainStore(Db db) : IDomainStore
{
    public Task<IReadOnlyList<string>> ListAsync(long appId, CancellationToken ct) =>
        db.QueryAsync<string>("select name from domains where app_id = @appId order by name", new { appId }, ct);

    /// <summary>
    /// The unique index on the name decides the owner: of two apps adding one name at once, the second
    /// insert waits for the first to commit and then fails. Only the app's own row counts as "already there"
    /// (the conflict target), so a name held by another app is never a silent success.
    /// </summary>
    public Task AddAsync(long appId, string domain, CancellationToken ct) =>
        PostgresErrors.MapUniqueViolationAsync(
            () => db.ExecuteAsync("insert into domains (app_id, name) values (@appId, @domain) on conflict (app_id, name) do nothing", new { appId, domain }, ct),
            () => new ConflictException($"domain '{domain}' is already used by another app: it must be removed there first"));

    public async Task<bool> RemoveAsync(long appId, string domain, CancellationToken ct) =>
        await db.ExecuteAsync("delete from domains where app_id = @appId and name = @domain", new { appId, domain }, ct) > 0;
}
