using Paas.Core.Builds;
using Paas.Core.State;

namespace Paas.Data.Tests;

public sealed class BuildStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private static string Unique() => "app-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task ABuild_GoesQueuedRunningFinished_AndFinishesOnlyOnce()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);

        var build = await s.Builds.CreateAsync(app.Id, Commit, "main", "alice", default);
        Assert.Equal((BuildStatus.Queued, "main", "alice"), (build.Status, build.Branch, build.CreatedBy));
        Assert.Null(build.StartedAt);
        Assert.Contains(build, await s.Builds.ListUnfinishedAsync(default));

        await s.Builds.MarkRunningAsync(build.Id, default);
        var running = await s.Builds.FindAsync(app.Id, build.Id, default);
        Assert.Equal(BuildStatus.Running, running!.Status);
        Assert.NotNull(running.StartedAt);

        Assert.True(await s.Builds.FinishAsync(build.Id, BuildStatus.Succeeded, "sha256:abc", 3, null, default));
        Assert.False(await s.Builds.FinishAsync(build.Id, BuildStatus.Failed, null, null, "late", default));
        var done = await s.Builds.FindAsync(app.Id, build.Id, default);
        Assert.Equal((BuildStatus.Succeeded, "sha256:abc", 3, (string?)null), (done!.Status, done.ImageDigest, done.ReleaseVersion, done.Error));
        Assert.True(done.IsFinished);
        Assert.DoesNotContain(await s.Builds.ListUnfinishedAsync(default), b => b.Id == build.Id);
    }

    [Fact]
    public async Task Builds_AreListedNewestFirst_PerApp_AndNotFoundThroughAnotherApp()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);
        var other = await s.Apps.CreateAsync(Unique(), default);
        var first = await s.Builds.CreateAsync(app.Id, Commit, null, "a", default);
        var second = await s.Builds.CreateAsync(app.Id, Commit, "main", "a", default);
        await s.Builds.CreateAsync(other.Id, Commit, "main", "a", default);

        Assert.Equal([second.Id, first.Id], (await s.Builds.ListAsync(app.Id, 10, default)).Select(b => b.Id));
        Assert.Equal([second.Id], (await s.Builds.ListAsync(app.Id, 1, default)).Select(b => b.Id));
        Assert.Null(await s.Builds.FindAsync(other.Id, first.Id, default));
    }

    [Fact]
    public async Task AnAbbreviatedCommit_IsRefusedByTheSchema()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);
        await Assert.ThrowsAnyAsync<Exception>(() => s.Builds.CreateAsync(app.Id, "abc1234", "main", "a", default));
    }

    [Fact]
    public async Task AReleaseOfABuild_KeepsItsCommitAndBuild()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);
        var build = await s.Builds.CreateAsync(app.Id, Commit, "main", "a", default);
        await s.Releases.CreateAsync(new NewRelease(app.Id, "sha256:1", new Dictionary<string, string>(),
            new Dictionary<string, string> { ["web"] = "npm start" }, "Deploy 0123456", "a", Commit, build.Id), default);

        var latest = await s.Releases.FindLatestAsync(app.Id, default);
        Assert.Equal((Commit, (long?)build.Id), (latest!.Commit, latest.BuildId));
    }

    [Fact]
    public async Task AppSettings_AreSetReplacedListedAndUnset_PerApp()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);
        var other = await s.Apps.CreateAsync(Unique(), default);

        await s.AppSettings.SetAsync(app.Id, "builds.timeout", "30m", default);
        await s.AppSettings.SetAsync(app.Id, "builds.timeout", "1h", default);
        await s.AppSettings.SetAsync(app.Id, "git.deploy-branch", "release", default);

        Assert.Equal("1h", await s.AppSettings.GetAsync(app.Id, "builds.timeout", default));
        Assert.Null(await s.AppSettings.GetAsync(other.Id, "builds.timeout", default));
        Assert.Equal(["builds.timeout", "git.deploy-branch"], (await s.AppSettings.ListAsync(app.Id, default)).Keys);
        Assert.True(await s.AppSettings.UnsetAsync(app.Id, "builds.timeout", default));
        Assert.False(await s.AppSettings.UnsetAsync(app.Id, "builds.timeout", default));
        Assert.Null(await s.AppSettings.GetAsync(app.Id, "builds.timeout", default));
    }

    [Fact]
    public async Task AnAppSettingKey_WithoutANamespace_IsRefusedByTheSchema()
    {
        await using var s = await db.Store.BeginAsync(default);
        var app = await s.Apps.CreateAsync(Unique(), default);
        await Assert.ThrowsAnyAsync<Exception>(() => s.AppSettings.SetAsync(app.Id, "timeout", "1m", default));
    }
}
