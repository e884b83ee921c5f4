using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class SettingStore(Db db) : ISettingStore
{
    public Task<string?> GetAsync(string key, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("select value from settings where key = @key", new { key }, ct);

    public Task SetAsync(string key, string value, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into settings (key, value) values (@key, @value)
            on conflict (key) do update set value = excluded.value, updated_at = now()
            """,
            new { key, value }, ct);
}
