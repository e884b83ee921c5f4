using Npgsql;
using Paas.Core.Errors;
using Paas.Core.State;
using Paas.Data.Migrations;

namespace Paas.Data.Tests;

public sealed class StateStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static string Unique() => "app-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void Migrations_RunOnce_AndASecondRunAppliesNothing()
    {
        Assert.Empty(MigrationRunner.Run(db.ConnectionString));
    }

    [Fact]
    public async Task ASessionDisposedWithoutCommit_LeavesNothingBehind()
    {
        var name = Unique();
        await using (var session = await db.Store.BeginAsync(default))
        {
            var app = await session.Apps.CreateAsync(name, default);
            await session.Config.SetAsync(app.Id, new Dictionary<string, string> { ["A"] = "1" }, default);
        }

        await using var check = await db.Store.BeginAsync(default);
        Assert.Null(await check.Apps.FindAsync(name, default));
    }

    [Fact]
    public async Task CreatingADuplicateApp_IsAConflict()
    {
        var name = Unique();
        await using (var session = await db.Store.BeginAsync(default))
        {
            await session.Apps.CreateAsync(name, default);
            await session.CommitAsync(default);
        }

        await using var again = await db.Store.BeginAsync(default);
        var error = await Assert.ThrowsAsync<ConflictException>(() => again.Apps.CreateAsync(name, default));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task Releases_NumberUpFromOne_AndKeepTheirSnapshot()
    {
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync(Unique(), default);

        var first = await session.Releases.CreateAsync(new NewRelease(app.Id, "sha256:1", new Dictionary<string, string> { ["A"] = "line1\nline2 \"q\"" },
            new Dictionary<string, string> { ["web"] = "bin/web" }, "Deploy 1", "admin"), default);
        var second = await session.Releases.CreateAsync(new NewRelease(app.Id, "sha256:1", new Dictionary<string, string>(),
            first.ProcessTypes, "Unset A", "admin"), default);

        Assert.Equal((1, 2), (first.Version, second.Version));
        var latest = await session.Releases.FindLatestAsync(app.Id, default);
        Assert.Equal(2, latest!.Version);
        var all = await session.Releases.ListAsync(app.Id, default);
        Assert.Equal("line1\nline2 \"q\"", all.Single(r => r.Version == 1).Config["A"]);
    }

    [Fact]
    public async Task ReleasesUsingAnImage_AreFoundByDigestOrReference_AcrossApps()
    {
        await using var session = await db.Store.BeginAsync(default);
        var image = "sha256:" + Guid.NewGuid().ToString("N");
        var a = await session.Apps.CreateAsync(Unique(), default);
        var b = await session.Apps.CreateAsync(Unique(), default);
        foreach (var (app, digest) in new[] { (a, image), (a, "sha256:other"), (b, "shop/web:v1"), (b, image) })
            await session.Releases.CreateAsync(new NewRelease(app.Id, digest, new Dictionary<string, string>(), new Dictionary<string, string>(), "Deploy", "admin"), default);

        var uses = await session.Releases.ListUsingImageAsync([image, "shop/web:v1"], default);
        var none = await session.Releases.ListUsingImageAsync(["sha256:unused"], default);

        Assert.Equal(
            new[] { new Paas.Core.Releases.ImageUse(a.Name, 1), new(b.Name, 1), new(b.Name, 2) }.OrderBy(u => u.App, StringComparer.Ordinal).ThenBy(u => u.Version),
            uses);
        Assert.Empty(none);
    }

    [Fact]
    public async Task DestroyingAnApp_RemovesItsConfigDomainsAndPorts()
    {
        long appId;
        var name = Unique();
        await using (var session = await db.Store.BeginAsync(default))
        {
            var app = await session.Apps.CreateAsync(name, default);
            appId = app.Id;
            await session.Config.SetAsync(app.Id, new Dictionary<string, string> { ["A"] = "1" }, default);
            await session.Domains.AddAsync(app.Id, name + ".example.com", default);
            await session.Ports.AddAsync(app.Id, Core.Routing.PortMapping.Default, default);
            await session.Apps.DeleteAsync(app.Id, default);
            await session.CommitAsync(default);
        }

        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var table in new[] { "config_vars", "domains", "port_mappings", "formation", "resource_limits", "releases" })
        {
            await using var command = new NpgsqlCommand($"select count(*) from {table} where app_id = @appId", connection);
            command.Parameters.AddWithValue("appId", appId);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
    }
}
