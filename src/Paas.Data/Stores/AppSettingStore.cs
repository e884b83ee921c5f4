using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class AppSettingStore(Db db) : IAppSettingStore
{
    public Task<string?> GetAsync(long appId, string key, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("select value from app_settings where app_id = @appId and key = @key", new { appId, key }, ct);

    public async Task<IReadOnlyDictionary<string, string>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<(string Key, string Value)>(
            "select key as Key, value as Value from app_settings where app_id = @appId order by key", new { appId }, ct))
        .ToDictionary(r => r.Key, r => r.Value);

    public Task SetAsync(long appId, string key, string value, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into app_settings (app_id, key, value) values (@appId, @key, @value)
            on conflict (app_id, key) do update set value = excluded.value, updated_at = now()
            """,
            new { appId, key, value }, ct);

    public async Task<bool> UnsetAsync(long appId, string key, CancellationToken ct) =>
        await db.ExecuteAsync("delete from app_settings where app_id = @appId and key = @key", new { appId, key }, ct) > 0;
}
