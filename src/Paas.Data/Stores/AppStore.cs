using Paas.Core.Apps;
using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class AppStore(Db db) : IAppStore
{
    private const string Columns = "id as Id, name as Name, created_at as CreatedAt, locked as Locked, current_release as CurrentRelease, serving_release as ServingRelease, stopped as Stopped";

    public async Task<App> CreateAsync(string name, CancellationToken ct)
    {
        var row = await PostgresErrors.MapUniqueViolationAsync(
            () => db.QuerySingleAsync<Row>($"insert into apps (name) values (@name) returning {Columns}", new { name }, ct),
            () => new ConflictException($"app '{name}' already exists"));
        return row.ToApp();
    }

    public async Task<App?> FindAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"select {Columns} from apps where name = @name", new { name }, ct))?.ToApp();

    public async Task<App?> FindForUpdateAsync(string name, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"select {Columns} from apps where name = @name for update", new { name }, ct))?.ToApp();

    public async Task<IReadOnlyList<App>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from apps order by name", null, ct)).Select(r => r.ToApp()).ToList();

    public Task RenameAsync(long appId, string newName, CancellationToken ct) =>
        PostgresErrors.MapUniqueViolationAsync(
            () => db.ExecuteAsync("update apps set name = @newName where id = @appId", new { appId, newName }, ct),
            () => new ConflictException($"app '{newName}' already exists"));

    public Task SetLockedAsync(long appId, bool locked, CancellationToken ct) =>
        db.ExecuteAsync("update apps set locked = @locked where id = @appId", new { appId, locked }, ct);

    public Task SetCurrentReleaseAsync(long appId, int version, CancellationToken ct) =>
        db.ExecuteAsync("update apps set current_release = @version where id = @appId", new { appId, version }, ct);

    public Task SetServingReleaseAsync(long appId, int version, CancellationToken ct) =>
        db.ExecuteAsync("update apps set serving_release = @version where id = @appId", new { appId, version }, ct);

    public Task SetStoppedAsync(long appId, bool stopped, CancellationToken ct) =>
        db.ExecuteAsync("update apps set stopped = @stopped where id = @appId", new { appId, stopped }, ct);

    public Task DeleteAsync(long appId, CancellationToken ct) =>
        db.ExecuteAsync("delete from apps where id = @appId", new { appId }, ct);

    private sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public bool Locked { get; init; }
        public int? CurrentRelease { get; init; }
        public int? ServingRelease { get; init; }
        public bool Stopped { get; init; }

        public App ToApp() => new(Id, Name, Timestamps.ToOffset(CreatedAt), Locked, CurrentRelease, ServingRelease, Stopped);
    }
}
