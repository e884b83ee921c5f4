using Paas.Core.Deploys;
using Paas.Core.Metrics;
using Paas.Data.Metrics;

namespace Paas.Data.Tests.Metrics;

/// <summary>The metrics tables on a real PostgreSQL: batch write, minute rollup, retention and chart reads.</summary>
public sealed class MetricsStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private const long MiB = 1024 * 1024;

    private PostgresMetricsStore Store => new(db.DataSource);

    [Fact]
    public async Task ListContainers_GivesEveryInstanceWithAContainer_WithItsAppsName()
    {
        var (appId, app) = await CreateAppAsync();
        await AddInstanceAsync(appId, "web", 1, "c0ffee0000000001", InstanceState.Running);
        await AddInstanceAsync(appId, "worker", 1, "c0ffee0000000002", InstanceState.Crashed);

        var mine = (await Store.ListContainersAsync(default)).Where(c => c.AppId == appId).ToList();

        Assert.Equal(["web", "worker"], mine.Select(c => c.ProcessType));
        Assert.All(mine, c => Assert.Equal(app, c.App));
        Assert.Equal(["running", "crashed"], mine.Select(c => c.State));
        Assert.NotNull(mine[0].StartedAt);
    }

    [Fact]
    public async Task ReadLatest_GivesEachInstancesNewestSample_SinceTheCutoff_AndNoOtherApps()
    {
        var (appId, _) = await CreateAppAsync();
        var (otherId, _) = await CreateAppAsync();
        await Store.WriteAsync(
        [
            Sample(appId, "web", 1, Now.AddSeconds(-20), cpu: 10, memory: 40 * MiB, restarts: 0),
            Sample(appId, "web", 1, Now.AddSeconds(-10), cpu: 15, memory: 45 * MiB, restarts: 0),
            Sample(appId, "web", 2, Now.AddSeconds(-10), cpu: 25, memory: 65 * MiB, restarts: 1),
            // Older than the cutoff: not current any more.
            Sample(appId, "worker", 1, Now.AddMinutes(-5), cpu: 5, memory: 10 * MiB, restarts: 0),
            Sample(otherId, "web", 1, Now.AddSeconds(-10), cpu: 99, memory: 99 * MiB, restarts: 0),
        ], default);

        var latest = await Store.ReadLatestAsync(appId, Now.AddSeconds(-30), default);

        Assert.Equal([("web", 1, 15.0, 45 * MiB), ("web", 2, 25.0, 65 * MiB)],
            latest.Select(s => (s.ProcessType, s.Instance, s.CpuPercent, s.MemoryBytes)));
        Assert.All(latest, s => Assert.Equal(appId, s.AppId));
        Assert.Equal(Now.AddSeconds(-10), latest[0].SampledAt);
        Assert.Equal(512 * MiB, latest[0].MemoryLimitBytes);
    }

    [Fact]
    public async Task RollUp_TurnsOldSamplesIntoOneRowPerTypeAndMinute_AndDeletesThem()
    {
        var (appId, _) = await CreateAppAsync();
        var minute = Now.AddHours(-3);
        // Two ticks in one minute, two web instances each: totals 30% / 100 MiB, then 50% / 140 MiB.
        await Store.WriteAsync(
        [
            Sample(appId, "web", 1, minute.AddSeconds(5), cpu: 10, memory: 40 * MiB, restarts: 0),
            Sample(appId, "web", 2, minute.AddSeconds(5), cpu: 20, memory: 60 * MiB, restarts: 1),
            Sample(appId, "web", 1, minute.AddSeconds(15), cpu: 20, memory: 60 * MiB, restarts: 0),
            Sample(appId, "web", 2, minute.AddSeconds(15), cpu: 30, memory: 80 * MiB, restarts: 2),
            Sample(appId, "worker", 1, minute.AddSeconds(5), cpu: 5, memory: 10 * MiB, restarts: 0),
            // Newer than the cutoff: stays raw.
            Sample(appId, "web", 1, Now.AddMinutes(-5), cpu: 1, memory: 1 * MiB, restarts: 0),
        ], default);

        var rolled = await Store.RollUpAsync(Now.AddHours(-1), default);

        Assert.True(rolled >= 2, $"rolled {rolled} rows");
        var rows = await QueryAsync(
            """
            select process_type, minute, instances, cpu_percent, cpu_percent_max, memory_bytes, memory_bytes_max, memory_limit_bytes, restarts
            from container_metrics_minutely where app_id = $1 order by process_type
            """, appId, r => (Type: r.GetString(0), Minute: r.GetDateTime(1), Instances: r.GetInt32(2), Cpu: r.GetFloat(3), CpuMax: r.GetFloat(4),
                Memory: r.GetInt64(5), MemoryMax: r.GetInt64(6), Limit: r.IsDBNull(7) ? (long?)null : r.GetInt64(7), Restarts: r.GetInt32(8)));
        Assert.Equal(2, rows.Count);
        var web = rows[0];
        Assert.Equal("web", web.Type);
        Assert.Equal(minute.UtcDateTime, DateTime.SpecifyKind(web.Minute, DateTimeKind.Utc));
        Assert.Equal(2, web.Instances);
        Assert.Equal(40, web.Cpu, 3);
        Assert.Equal(50, web.CpuMax, 3);
        Assert.Equal(120 * MiB, web.Memory);
        Assert.Equal(140 * MiB, web.MemoryMax);
        Assert.Equal(1024 * MiB, web.Limit);
        Assert.Equal(2, web.Restarts);
        Assert.Equal(("worker", 1), (rows[1].Type, rows[1].Instances));

        var raw = await QueryAsync("select sampled_at from container_samples where app_id = $1", appId, r => r.GetDateTime(0));
        Assert.Equal(Now.AddMinutes(-5).UtcDateTime, DateTime.SpecifyKind(Assert.Single(raw), DateTimeKind.Utc));
    }

    [Fact]
    public async Task Prune_DeletesMinuteRowsPastTheRetention_Only()
    {
        var (appId, _) = await CreateAppAsync();
        await Store.WriteAsync(
        [
            Sample(appId, "web", 1, Now.AddDays(-8), cpu: 1, memory: MiB, restarts: 0),
            Sample(appId, "web", 1, Now.AddDays(-6), cpu: 2, memory: MiB, restarts: 0),
        ], default);
        await Store.RollUpAsync(Now.AddHours(-1), default);

        var pruned = await Store.PruneAsync(Now.AddDays(-7), default);

        Assert.True(pruned >= 1);
        var left = await QueryAsync("select minute from container_metrics_minutely where app_id = $1", appId, r => r.GetDateTime(0));
        Assert.Equal(Now.AddDays(-6).UtcDateTime, DateTime.SpecifyKind(Assert.Single(left), DateTimeKind.Utc));
    }

    [Fact]
    public async Task Read_BucketsRawAndRolledUpData_PerType_OldestFirst()
    {
        var (appId, _) = await CreateAppAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        start = new DateTimeOffset(start.Ticks - start.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        // Three 10 s ticks in the first 30 s bucket, one tick in the next.
        await Store.WriteAsync(
        [
            Sample(appId, "web", 1, start.AddSeconds(0), cpu: 10, memory: 100 * MiB, restarts: 0),
            Sample(appId, "web", 2, start.AddSeconds(0), cpu: 10, memory: 100 * MiB, restarts: 0),
            Sample(appId, "web", 1, start.AddSeconds(10), cpu: 40, memory: 100 * MiB, restarts: 0),
            Sample(appId, "web", 1, start.AddSeconds(20), cpu: 40, memory: 100 * MiB, restarts: 1),
            Sample(appId, "web", 1, start.AddSeconds(30), cpu: 5, memory: 50 * MiB, restarts: 1),
            Sample(appId, "clock", 1, start.AddSeconds(30), cpu: 1, memory: 5 * MiB, restarts: 0),
        ], default);

        var points = await Store.ReadAsync(appId, start.AddHours(-1), TimeSpan.FromSeconds(30), default);

        Assert.Equal(["clock", "web", "web"], points.Select(p => p.ProcessType));
        var first = points[1];
        Assert.Equal(start, first.Time);
        Assert.Equal(20 + 40 + 40, first.CpuPercent * 3, 3);
        Assert.Equal(40, first.CpuPercentMax, 3);
        Assert.Equal((200 + 100 + 100) * MiB / 3, first.MemoryBytes);
        Assert.Equal(200 * MiB, first.MemoryBytesMax);
        Assert.Equal(1, first.Restarts);
        Assert.Equal(start.AddSeconds(30), points[2].Time);
        Assert.Equal(5, points[2].CpuPercent, 3);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, long appId, Func<Npgsql.NpgsqlDataReader, T> read)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = appId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    private async Task<(long Id, string Name)> CreateAppAsync()
    {
        var name = $"metrics-{Guid.NewGuid():N}"[..20];
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync(name, default);
        await session.CommitAsync(default);
        return (app.Id, name);
    }

    private async Task AddInstanceAsync(long appId, string type, int number, string containerId, InstanceState state)
    {
        await using var session = await db.Store.BeginAsync(default);
        var instance = await session.Instances.AddAsync(appId, 1, type, number, null, default);
        await session.Instances.MarkStartedAsync(instance.Id, containerId, null, 1, 1, "boot", InstanceState.Running, Now, default);
        if (state != InstanceState.Running) await session.Instances.SetStateAsync(instance.Id, state, default);
        await session.CommitAsync(default);
    }

    private static ContainerSample Sample(long appId, string type, int instance, DateTimeOffset at, double cpu, long memory, int restarts) =>
        new(appId, type, instance, $"{instance:x16}", at, 1_000_000, cpu, memory, 512 * MiB, restarts);
}
