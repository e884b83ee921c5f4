using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class DomainStore(Db db) : IDomainStore
{
    public Task<IReadOnlyList<string>> ListAsync(long appId, CancellationToken ct) =>
        db.QueryAsync<string>("select name from domains where app_id = @appId order by name", new { appId }, ct);

    public Task<string?> FindOwnerAsync(string domain, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>(
            "select a.name from domains d join apps a on a.id = d.app_id where d.name = @domain", new { domain }, ct);

    public Task AddAsync(long appId, string domain, CancellationToken ct) =>
        db.ExecuteAsync("insert into domains (app_id, name) values (@appId, @domain) on conflict do nothing", new { appId, domain }, ct);

    public async Task<bool> RemoveAsync(long appId, string domain, CancellationToken ct) =>
        await db.ExecuteAsync("delete from domains where app_id = @appId and name = @domain", new { appId, domain }, ct) > 0;
}
