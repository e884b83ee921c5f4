using System.Diagnostics;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>The build history and controls through the real `paas` CLI: builds, builds:output [-f], builds:cancel, ps:rebuild, repo:purge-cache, builds:set.</summary>
[Collection(PushCollection.Name)]
public sealed class BuildCommandsTests(PushHost host)
{
    [Fact]
    public async Task BuildsAndTheirOutput_AreListed_AndPsRebuildReleasesTheSameCommitAgain()
    {
        var app = await host.CreateAppAsync("history");
        using var work = await SampleApps.CheckOutAsync("procfile-app");
        var commit = await work.CommitAsync("first");
        var push = await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(3));
        Assert.True(push.ExitCode == 0, push.StandardError);
        var build = Assert.Single(await host.BuildsAsync(app));

        var list = await Paas("builds", app);
        var output = await Paas("builds:output", app, build.Id.ToString());
        var rebuild = await Paas("ps:rebuild", app);
        var releases = await Paas("releases", app);

        Assert.Contains(commit[..7] + " (main)", list.StandardOutput);
        Assert.Contains("succeeded", list.StandardOutput);
        Assert.Contains("-----> Procfile app detected", output.StandardOutput);
        Assert.Contains("=====> Application released as v1", output.StandardOutput);
        Assert.Contains("=====> Application released as v2", rebuild.StandardOutput);
        Assert.Contains("v2", releases.StandardOutput);
        var rebuilt = (await host.BuildsAsync(app))[0];
        Assert.Equal((commit, (string?)null, 2), (rebuilt.Commit, rebuilt.Branch, rebuilt.ReleaseVersion));
    }

    [Fact]
    public async Task BuildsOutputFollow_PrintsLinesWhileTheBuildRuns_AndBuildsCancelStopsIt()
    {
        var app = await host.CreateAppAsync("follow");
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("package.json", """{ "name": "slow", "version": "1.0.0", "scripts": { "build": "echo compiling && sleep 120" } }""");
        await work.CommitAsync("slow");
        var push = work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(3));
        var build = await RunningBuildAsync(app);

        var follow = Paas("builds:output", app, build.Id.ToString(), "-f");
        await WaitForLogAsync(app, build.Id, "compiling");
        Assert.False(follow.IsCompleted, "builds:output -f ended while the build still ran");
        var cancel = await Paas("builds:cancel", app);
        var followed = await follow.WaitAsync(TimeSpan.FromMinutes(1));
        var pushed = await push;

        Assert.Contains($"Cancelled build {build.Id}", cancel.StandardOutput);
        Assert.Contains("compiling", followed.StandardOutput);
        Assert.Contains("Build cancelled: cancelled by", followed.StandardOutput);
        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains("remote:  !     Build cancelled: cancelled by", pushed.StandardError);
        var finished = Assert.Single(await host.BuildsAsync(app));
        Assert.Equal("cancelled", finished.Status);
        Assert.Empty(await host.ReleasesAsync(app));
    }

    [Fact]
    public async Task PurgingTheCache_MakesTheNextNodeBuildDownloadAgain()
    {
        var app = await host.CreateAppAsync("purge");
        using var work = await SampleApps.CheckOutAsync("node-app");
        await work.CommitAsync("first");
        Assert.Equal(0, (await work.GitAsync(["push", host.Remote(app), "main"], timeout: TimeSpan.FromMinutes(5))).ExitCode);

        var purge = await Paas("repo:purge-cache", app);
        var rebuild = await Paas("ps:rebuild", app);

        Assert.Contains($"Purged the build cache of {app}", purge.StandardOutput);
        Assert.Matches(@"Packages downloaded from the registry: [1-9]", rebuild.StandardOutput);
        Assert.DoesNotContain("Using cached node_modules", rebuild.StandardOutput);
    }

    [Theory]
    [InlineData("builds:output|APP|999999", "has no build 999999")]
    [InlineData("ps:rebuild|APP", "has no built release to rebuild")]
    [InlineData("builds:cancel|APP", "has no build running")]
    [InlineData("builds:set|APP|timeout|10x", "is not a duration")]
    [InlineData("builds:set|APP|timeout|25h", "is out of range")]
    [InlineData("builds:set|APP|speed|1", "unknown build setting 'speed'")]
    [InlineData("builds:set|APP|memory|lots", "is not a size")]
    public async Task BadInput_IsRefusedWithTheReason(string command, string reason)
    {
        var app = await host.CreateAppAsync("bad");
        var result = await Paas(command.Replace("APP", app).Split('|'));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.StandardError);
    }

    [Fact]
    public async Task BuildSettings_AreSetReportedAndUnset()
    {
        var app = await host.CreateAppAsync("settings");

        Assert.Equal(0, (await Paas("builds:set", app, "timeout", "30m")).ExitCode);
        Assert.Equal(0, (await Paas("builds:set", app, "memory", "1g")).ExitCode);
        var report = await Paas("builds:report", app);
        Assert.Equal(0, (await Paas("builds:set", app, "timeout")).ExitCode);
        var after = await Paas("builds:report", app);

        Assert.Contains("30m", report.StandardOutput);
        Assert.Contains("1g", report.StandardOutput);
        Assert.Contains("15m (default)", after.StandardOutput);
    }

    private async Task<ProcessRunner.Result> Paas(params string[] arguments)
    {
        var result = await host.Paasd.PaasAsync(arguments);
        return result;
    }

    private async Task<Core.Contracts.BuildView> RunningBuildAsync(string app)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await host.BuildsAsync(app) is [{ Status: "running" } build]) return build;
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "no running build within a minute");
            await Task.Delay(100);
        }
    }

    private async Task WaitForLogAsync(string app, long id, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!(await host.BuildOutputAsync(app, id)).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"'{text}' not in build {id}'s log within a minute");
            await Task.Delay(100);
        }
    }
}
