using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paas.Core.Checks;
using Paas.Core.Metrics;
using Paas.Core.State;
using Paas.Dashboard.AppPages.Overview;
using Paas.Engine.Apps;
using Paas.Engine.Metrics;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>
/// The overview's figures per container: CPU and memory come from the sampler's latest samples (written here
/// through the real metrics store, as the sampler writes them) and follow new ones at the sampler's interval;
/// an instance a readiness check holds out of the routes is marked, with what the check said.
/// </summary>
public sealed class OverviewUsageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private readonly EngineFixture _engine;

    public OverviewUsageTests(EngineClassFixture engine) : base(engine)
    {
        _engine = engine.Engine;
        // PAAS_METRICS_INTERVAL, short: the page reads again on the sampler's rhythm.
        Services.AddSingleton(new MetricsSettings { Interval = Interval });
    }

    private async Task<long> AppWithRunningWebAsync(string name, params string[] containerIds)
    {
        var appId = (await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, name, default)).Id;
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < containerIds.Length; i++)
        {
            await using var insert = new NpgsqlCommand(
                "insert into containers (app_id, release_version, process_type, instance, container_id, state, started_at) values (@appId, 1, 'web', @instance, @id, 'running', now())",
                connection);
            insert.Parameters.AddWithValue("appId", appId);
            insert.Parameters.AddWithValue("instance", i + 1);
            insert.Parameters.AddWithValue("id", containerIds[i]);
            await insert.ExecuteNonQueryAsync();
        }
        return appId;
    }

    private Task SampleAsync(long appId, int instance, string containerId, double cpu, long memory, DateTimeOffset? at = null) =>
        _engine.Get<IMetricsStore>().WriteAsync(
            [new ContainerSample(appId, "web", instance, containerId, at ?? DateTimeOffset.UtcNow, 1_000_000, cpu, memory, 512L * 1024 * 1024, 0)], default);

    private async Task RecordCheckAsync(string containerId, bool ready, string summary)
    {
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand(
            "update containers set not_ready_since = case when @ready then null else now() end, last_check = @summary, last_check_ok = @ready, last_check_at = now() where container_id = @id",
            connection);
        update.Parameters.AddWithValue("ready", ready);
        update.Parameters.AddWithValue("summary", summary);
        update.Parameters.AddWithValue("id", containerId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private static string Cell(IRenderedComponent<OverviewPage> cut, string dyno, string column) =>
        cut.FindAll(".instances-table tbody tr").Single(r => r.TextContent.Contains(dyno, StringComparison.Ordinal)).QuerySelector($".usage-{column}")!.TextContent.Trim();

    [Fact]
    public async Task EachContainer_ShowsItsLatestCpuAndMemory_AndNewSamplesWithoutAReload()
    {
        var appId = await AppWithRunningWebAsync("usage-live", "usage-live-web-1", "usage-live-web-2");
        await SampleAsync(appId, 1, "usage-live-web-1", 12.5, 64L * 1024 * 1024);

        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "usage-live"));

        cut.WaitForAssertion(() => Assert.Equal("12.5 %", Cell(cut, "web.1", "cpu")));
        Assert.Equal("64 MiB / 512 MiB", Cell(cut, "web.1", "memory"));
        // Not sampled yet: no figures rather than made-up ones.
        Assert.Equal("—", Cell(cut, "web.2", "cpu"));

        // The sampler's next tick: no state change announces it, the page reads it on its own.
        await SampleAsync(appId, 1, "usage-live-web-1", 87.5, 200L * 1024 * 1024);
        await SampleAsync(appId, 2, "usage-live-web-2", 3, 10L * 1024 * 1024);

        cut.WaitForAssertion(() => Assert.Equal("87.5 %", Cell(cut, "web.1", "cpu")));
        Assert.Equal("200 MiB / 512 MiB", Cell(cut, "web.1", "memory"));
        cut.WaitForAssertion(() => Assert.Equal("3.0 %", Cell(cut, "web.2", "cpu")));
    }

    [Fact]
    public async Task AnInstanceFailingItsReadinessCheck_IsMarkedNotReady_WithoutAReload_UntilItPasses()
    {
        await AppWithRunningWebAsync("ready-mark", "ready-mark-web-1", "ready-mark-web-2");
        await using var listening = await _engine.ListenAsync();
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "ready-mark"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".instances-table tbody tr").Count));
        Assert.Empty(cut.FindAll(".not-ready"));

        // The columns the running check monitor sets (migration 0012); the containers trigger notifies the page.
        await RecordCheckAsync("ready-mark-web-2", ready: false, "readiness 'ready' failed 3 times: status 503");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".not-ready")), TimeSpan.FromSeconds(5));
        var row = cut.FindAll(".instances-table tbody tr").Single(r => r.TextContent.Contains("web.2", StringComparison.Ordinal));
        Assert.Contains("not ready", row.TextContent);
        Assert.Contains("readiness 'ready' failed 3 times: status 503", row.QuerySelector(".last-check")!.TextContent);

        await RecordCheckAsync("ready-mark-web-2", ready: true, "readiness 'ready' passes again");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".not-ready")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnInstanceFailingTwoReadinessChecks_SaysWhatEachSaid()
    {
        await AppWithRunningWebAsync("ready-two", "ready-two-web-1");
        await using var listening = await _engine.ListenAsync();
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "ready-two"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".instances-table tbody tr")));

        // As the running check monitor records them (migration 0013): a passing liveness check, recorded last, is not the reason.
        await RecordCheckResultAsync(new RunningCheckResult("0", HealthCheckType.Readiness, "db", false, "failed 3 times in a row (status 503)", DateTimeOffset.UtcNow, "ready-two-web-1"));
        await RecordCheckResultAsync(new RunningCheckResult("1", HealthCheckType.Readiness, "cache", false, "failed 3 times in a row (timeout)", DateTimeOffset.UtcNow, "ready-two-web-1"));
        await RecordCheckResultAsync(new RunningCheckResult("2", HealthCheckType.Liveness, "live", true, "passes", DateTimeOffset.UtcNow, "ready-two-web-1"));

        cut.WaitForAssertion(() => Assert.Equal(
            "readiness 'db' failed 3 times in a row (status 503); readiness 'cache' failed 3 times in a row (timeout)",
            cut.Find(".last-check").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    private async Task RecordCheckResultAsync(RunningCheckResult result)
    {
        await using var session = await _engine.Get<IStateStore>().BeginAsync(default);
        Assert.NotNull(await session.Instances.RecordCheckAsync(result, default));
        await session.CommitAsync(default);
    }

    [Fact]
    public async Task AStaleSample_OrOneOfAReplacedContainer_IsNotShownAsCurrent()
    {
        var appId = await AppWithRunningWebAsync("usage-stale", "usage-stale-web-1", "usage-stale-web-2");
        await SampleAsync(appId, 1, "usage-stale-web-1", 50, 64L * 1024 * 1024, DateTimeOffset.UtcNow.AddMinutes(-5));
        await SampleAsync(appId, 2, "an-older-container", 50, 64L * 1024 * 1024);

        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "usage-stale"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".instances-table tbody tr").Count));
        Assert.Equal("—", Cell(cut, "web.1", "cpu"));
        Assert.Equal("—", Cell(cut, "web.2", "memory"));
    }
}
