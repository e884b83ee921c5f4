using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class ConfigStore(Db db) : IConfigStore
{
    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(long appId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Key, string Value)>(
            "select key, value from config_vars where app_id = @appId order by key", new { appId }, ct);
        return rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    public async Task SetAsync(long appId, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        if (values.Count == 0) return;
        await db.ExecuteAsync(
            """
            insert into config_vars (app_id, key, value)
            select @appId, k, v from unnest(@keys, @values) as t(k, v)
            on conflict (app_id, key) do update set value = excluded.value
            """,
            new { appId, keys = values.Keys.ToArray(), values = values.Values.ToArray() }, ct);
    }

    public async Task<IReadOnlyList<string>> UnsetAsync(long appId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        return await db.QueryAsync<string>(
            "delete from config_vars where app_id = @appId and key = any(@keys) returning key",
            new { appId, keys = keys.ToArray() }, ct);
    }
}
