using System.Diagnostics;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>One build per app at a time, builds of different apps side by side, and the build cache across pushes.</summary>
[Collection(PushCollection.Name)]
public sealed class PushQueueTests(PushHost host)
{
    [Fact]
    public async Task ASecondPushOfTheUnchangedNodeApp_ReusesTheBuildCache()
    {
        var app = await host.CreateAppAsync("node-cache");
        using var work = await SampleApps.CheckOutAsync("node-app");
        await work.CommitAsync("first");
        var first = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Matches(@"Packages downloaded from the registry: [1-9]", first.StandardError);

        await work.CommitAsync("nothing changed");
        var second = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));

        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("Using cached node_modules", second.StandardError);
        Assert.DoesNotMatch(@"Packages downloaded from the registry: [1-9]", second.StandardError);
        Assert.Contains("remote: =====> Application released as v2", second.StandardError);
    }

    [Fact]
    public async Task TwoPushesOfOneApp_TheSecondWaitsThenBuilds()
    {
        var app = await host.CreateAppAsync("queue");
        using var work = await SampleApps.CheckOutAsync("procfile-app");
        // The first build is held up by its predeploy so the second push surely arrives during it.
        await work.WriteAsync("app.json", """{ "scripts": { "dokku": { "predeploy": "sleep 6" } } }""");
        await work.CommitAsync("first");
        var first = work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));
        await WaitForBuildAsync(app, "running");

        using var other = await GitWorkRepo.CreateAsync();
        await other.GitAsync(["pull", "--quiet", work.Path, "main"]);
        await other.WriteAsync("app.json", "{}");
        var secondCommit = await other.CommitAsync("second");
        var second = await other.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5));
        var firstDone = await first;

        Assert.True(firstDone.ExitCode == 0, firstDone.StandardError);
        Assert.True(second.ExitCode == 0, second.StandardError);
        var builds = await host.BuildsAsync(app);
        Assert.Equal(["succeeded", "succeeded"], builds.Select(b => b.Status));
        Assert.True(builds[0].StartedAt >= builds[1].FinishedAt, "the second build ran after the first had finished");
        Assert.Equal((2, secondCommit), (builds[0].ReleaseVersion, builds[0].Commit));
    }

    [Fact]
    public async Task PushesOfTwoApps_BuildAtTheSameTime()
    {
        var apps = new[] { await host.CreateAppAsync("side-a"), await host.CreateAppAsync("side-b") };
        var works = new List<GitWorkRepo>();
        try
        {
            foreach (var _ in apps)
            {
                var work = await SampleApps.CheckOutAsync("procfile-app");
                works.Add(work);
                await work.WriteAsync("app.json", """{ "scripts": { "dokku": { "predeploy": "sleep 4" } } }""");
                await work.CommitAsync("first");
            }

            var pushes = await Task.WhenAll(apps.Select((app, i) => works[i].GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5))));

            Assert.All(pushes, p => Assert.True(p.ExitCode == 0, p.StandardError));
            var a = Assert.Single(await host.BuildsAsync(apps[0]));
            var b = Assert.Single(await host.BuildsAsync(apps[1]));
            Assert.True(a.StartedAt < b.FinishedAt && b.StartedAt < a.FinishedAt, $"builds did not overlap: {a.StartedAt}-{a.FinishedAt} and {b.StartedAt}-{b.FinishedAt}");
        }
        finally
        {
            foreach (var work in works) work.Dispose();
        }
    }

    private async Task WaitForBuildAsync(string app, string status)
    {
        var clock = Stopwatch.StartNew();
        while ((await host.BuildsAsync(app)) is not [{ } build] || build.Status != status)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no {status} build of {app} within 2 minutes");
            await Task.Delay(100);
        }
    }
}
