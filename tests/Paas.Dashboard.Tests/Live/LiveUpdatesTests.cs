using Npgsql;
using Paas.Dashboard.AppPages.Builds;
using Paas.Dashboard.AppPages.Overview;
using Paas.Dashboard.AppPages.Releases;
using Paas.Dashboard.Apps;
using Paas.Engine.Apps;

namespace Paas.Dashboard.Tests.Live;

/// <summary>
/// Pages follow builds, deploys and releases as the database announces them (migration 0011's triggers,
/// through the dashboard's one LISTEN): each change here is committed by a connection of its own, as
/// paasd's build and deploy jobs commit theirs, and shows up on the rendered page without a reload.
/// </summary>
public sealed class LiveUpdatesTests : DashboardTestContext, IClassFixture<EngineClassFixture>, IAsyncLifetime
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private readonly EngineFixture _engine;
    private IAsyncDisposable? _listening;

    public LiveUpdatesTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    async Task IAsyncLifetime.InitializeAsync() => _listening = await _engine.ListenAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_listening is not null) await _listening.DisposeAsync();
        await DisposeAsync();
    }

    private async Task<long> CreateAppAsync(string name) => (await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, name, default)).Id;

    /// <summary>Runs <paramref name="sql"/> on a connection of its own, committed when it returns.</summary>
    private async Task<long> CommitAsync(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(_engine.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var property in args.GetType().GetProperties())
            command.Parameters.AddWithValue(property.Name, property.GetValue(args)!);
        return await command.ExecuteScalarAsync() is long id ? id : 0;
    }

    private Task<long> InsertBuildAsync(long appId, string status) => CommitAsync(
        $"""
        insert into builds (app_id, commit_sha, branch, status, created_by, started_at, finished_at)
        values (@appId, @commit, 'main', @status, 'alice', now(), {(status is "succeeded" or "failed" ? "now()" : "null")}) returning id
        """, new { appId, commit = Commit, status });

    private Task<long> StartDeploymentAsync(long appId) => CommitAsync(
        "insert into deployments (app_id, release_version, reason, status, phase, created_by) values (@appId, 1, 'push', 'running', 'starting', 'alice') returning id",
        new { appId });

    private Task FinishDeploymentAsync(long id) => CommitAsync(
        "update deployments set status = 'succeeded', phase = 'done', finished_at = now() where id = @id", new { id });

    [Fact]
    public async Task TheBuildsList_ShowsABuildStartingAndFinishing_WithoutAReload()
    {
        var appId = await CreateAppAsync("live-builds");
        var first = await InsertBuildAsync(appId, "succeeded");
        var cut = Render<BuildsPage>(p => p.Add(b => b.App, "live-builds").Add(b => b.BuildId, first));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".build-item")));

        var running = await InsertBuildAsync(appId, "running");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".build-item").Count));
        Assert.Contains($"#{running}", cut.FindAll(".build-item")[0].TextContent);
        Assert.Contains("running", cut.FindAll(".build-item")[0].TextContent);

        await CommitAsync("update builds set status = 'failed', finished_at = now(), error = 'compile failed' where id = @running", new { running });

        cut.WaitForAssertion(() => Assert.Contains("failed", cut.FindAll(".build-item")[0].TextContent));
    }

    [Fact]
    public async Task TheAppsList_SaysDeploying_WhileADeployRuns_AndTheLastDeployWhenItEnds()
    {
        var appId = await CreateAppAsync("live-apps-list");
        var cut = Render<AppsPage>();
        var row = () => cut.FindAll(".apps-table tbody tr").Single(r => r.TextContent.Contains("live-apps-list", StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal("new", row().QuerySelector(".status-chip")!.TextContent.Trim()));

        var deployment = await StartDeploymentAsync(appId);

        cut.WaitForAssertion(() => Assert.Equal("deploying", row().QuerySelector(".status-chip")!.TextContent.Trim()));
        Assert.Contains("v1 · running", row().TextContent);

        await FinishDeploymentAsync(deployment);

        cut.WaitForAssertion(() => Assert.Contains("v1 · succeeded", row().TextContent));
        Assert.NotEqual("deploying", row().QuerySelector(".status-chip")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheOverview_ShowsADeployStartingMovingAndFinishing()
    {
        var appId = await CreateAppAsync("live-overview");
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "live-overview"));
        cut.WaitForAssertion(() => Assert.Contains("No deploys yet", cut.Markup));

        var deployment = await StartDeploymentAsync(appId);

        cut.WaitForAssertion(() => Assert.Equal("deploying", cut.Find(".status-chip").TextContent.Trim()));
        Assert.Contains("running (starting)", cut.Markup);

        await CommitAsync("update deployments set phase = 'checking' where id = @deployment", new { deployment });
        cut.WaitForAssertion(() => Assert.Contains("running (checking)", cut.Markup));

        await FinishDeploymentAsync(deployment);
        cut.WaitForAssertion(() => Assert.DoesNotContain("running (", cut.Markup));
        Assert.NotEqual("deploying", cut.Find(".status-chip").TextContent.Trim());
    }

    [Fact]
    public async Task TheReleasesPage_ShowsARollbackMadeElsewhere_TheNewReleaseThenTheServingMarker()
    {
        var appId = await CreateAppAsync("live-releases");
        // Two releases as deploys leave them (a config-only change of a never-deployed app makes none), v2 serving.
        await CommitAsync(
            """
            insert into releases (app_id, version, config, process_types, description, created_by)
            values (@appId, 1, '{"A":"1"}', '{}', 'Deploy 0123456', 'alice'), (@appId, 2, '{"A":"2"}', '{}', 'Set A', 'alice');
            update apps set current_release = 2, serving_release = 2 where id = @appId
            """, new { appId });
        var cut = Render<ReleasesPage>(p => p.Add(r => r.App, "live-releases"));
        var serving = () => cut.FindAll(".releases-table tbody tr").Where(r => r.TextContent.Contains("serving", StringComparison.Ordinal)).ToList();
        cut.WaitForAssertion(() => Assert.StartsWith("v2", Assert.Single(serving()).TextContent.Trim()));

        // A rollback as its deploy commits it: the new release first, then (its containers up) the serving one.
        await CommitAsync(
            """
            insert into releases (app_id, version, image_digest, config, process_types, description, created_by)
            values (@appId, 3, null, '{"A":"1"}', '{}', 'Rollback to v1', 'alice')
            """, new { appId });
        cut.WaitForAssertion(() => Assert.Contains("Rollback to v1", cut.Markup));
        Assert.StartsWith("v2", Assert.Single(serving()).TextContent.Trim());

        await CommitAsync("update apps set serving_release = 3 where id = @appId", new { appId });

        cut.WaitForAssertion(() => Assert.StartsWith("v3", Assert.Single(serving()).TextContent.Trim()));
    }
}
