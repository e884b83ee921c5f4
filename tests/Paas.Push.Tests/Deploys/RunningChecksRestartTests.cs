using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Liveness/readiness checks across a `kill -9` of paasd: an instance a readiness check took out of the routes
/// stays out when paasd starts again (its readiness is kept with the instance, not in paasd's memory), and a
/// check command running inside a container when paasd dies is killed with it (it does not run on behind
/// paasd's back), by its watch at once or, if the watch died too, by the recovery when paasd starts again.
/// </summary>
public sealed class RunningChecksRestartTests(ResilienceHost host) : IClassFixture<ResilienceHost>
{
    // Slow to fail (3 probes 3 s apart): after paasd's restart its checks need some 6-9 s to fail again, a window in
    // which an instance whose readiness was forgotten would be routed again.
    private const string ReadinessAppJson = """
        {
          "healthchecks": {
            "web": [
              { "type": "readiness", "name": "ready", "path": "/ready", "attempts": 3, "wait": 3, "timeout": 1 }
            ]
          }
        }
        """;

    [Fact]
    public async Task AnInstanceOutOfTheRoutes_StaysOut_WhenPaasdIsKilledAndStartsAgain()
    {
        var app = await host.CreateAppAsync("readyrestart");
        await host.ScaleAsync(app, "web", 2);
        using (var work = await VersionedApp.CreateAsync(1, ReadinessAppJson))
            await host.PushAsync(work, app);
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.1", "web.2"]), TimeSpan.FromSeconds(10),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));
        await EnterAsync(app, "web.1", "touch /tmp/unready");
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.2"]), TimeSpan.FromSeconds(30),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));
        var before = Web1(await host.ReportAsync(app));
        Assert.False(before.Ready);

        await host.Paasd.KillAsync();
        await host.Paasd.RestartAsync();

        // paasd writes the routing table as it starts, and its checks probe again a moment later: neither puts
        // web.1 back. (With readiness in memory only, it was back in the routes until its checks failed again.)
        var watched = System.Diagnostics.Stopwatch.StartNew();
        while (watched.Elapsed < TimeSpan.FromSeconds(5))
            Assert.Equal(["web.2"], await DynosAnsweringAsync(app));
        var after = Web1(await host.ReportAsync(app));
        Assert.Equal((before.ContainerId, false, before.NotReadySince), (after.ContainerId, after.Ready, after.NotReadySince));
        Assert.All((await host.ReportAsync(app)).Instances, i => Assert.Equal(("running", 0), (i.State, i.Restarts)));

        // And its next passing probe puts it back.
        await EnterAsync(app, "web.1", "rm /tmp/unready");
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.1", "web.2"]), TimeSpan.FromSeconds(15),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));
        Assert.True(Web1(await host.ReportAsync(app)).Ready);
    }

    [Fact]
    public async Task ACheckCommandRunningWhenPaasdIsKilled_IsKilledWithIt()
    {
        var sleep = Random.Shared.Next(100_000, 999_999);
        var app = await host.CreateAppAsync("slowcheck");
        using (var work = await VersionedApp.CreateAsync(1, SleepingLivenessCheck(sleep)))
            await host.PushAsync(work, app);
        await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(sleep) == 1), TimeSpan.FromSeconds(20),
            () => Task.FromResult($"the check's sleep runs {SleepsAlive(sleep)} times"));
        // Its watch (as an enter session's) is set up a moment after the command starts.
        var command = Assert.Single(HostProcesses.Sleeping(sleep));
        await DeployHost.EventuallyAsync(() => Task.FromResult(WatchesOf(command).Count == 1), TimeSpan.FromSeconds(5),
            () => Task.FromResult("no watch for the check's command"));

        await host.Paasd.KillAsync();
        var killed = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(sleep) == 0), TimeSpan.FromSeconds(5),
                () => Task.FromResult("the check's command survived paasd"));
            // Measured here: paasd's restart below takes its own time (seconds under load), which is not the kill's.
            killed.Stop();
        }
        finally
        {
            await host.Paasd.RestartAsync();
            // The restarted paasd runs the check again: skip it, so no sleep is left behind by this test.
            await host.SendAsync(HttpMethod.Post, Paas.Core.Contracts.ApiRoutes.ChecksSkip(app), new Paas.Core.Contracts.CheckProcessTypesRequest(["web"]));
        }
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(5));
        // The container itself is untouched.
        Assert.Equal(("running", 0), (Assert.Single((await host.ReportAsync(app)).Instances).State, (await host.ReportAsync(app)).Instances[0].Restarts));
    }

    [Fact]
    public async Task ACheckCommandWhoseWatchDiedToo_IsKilledWhenPaasdStartsAgain()
    {
        var sleep = Random.Shared.Next(100_000, 999_999);
        var app = await host.CreateAppAsync("slowcheck2");
        using (var work = await VersionedApp.CreateAsync(1, SleepingLivenessCheck(sleep)))
            await host.PushAsync(work, app);
        await DeployHost.EventuallyAsync(() => Task.FromResult(HostProcesses.Sleeping(sleep) is [var only] && WatchesOf(only).Count == 1),
            TimeSpan.FromSeconds(20), () => Task.FromResult($"the check's sleep runs {HostProcesses.Sleeping(sleep).Count} times"));
        var abandoned = Assert.Single(HostProcesses.Sleeping(sleep));

        // As a kill of paasd's whole process group would: the watch goes first, then paasd.
        foreach (var pid in WatchesOf(abandoned)) System.Diagnostics.Process.GetProcessById(pid).Kill();
        await host.Paasd.KillAsync();
        await Task.Delay(500);
        Assert.Contains(abandoned, HostProcesses.Sleeping(sleep));
        try
        {
            await host.Paasd.RestartAsync();
            // The recovery kills it (the restarted paasd's own probe runs a new sleep: told apart by its pid).
            await DeployHost.EventuallyAsync(() => Task.FromResult(!HostProcesses.Sleeping(sleep).Contains(abandoned)), TimeSpan.FromSeconds(10),
                () => Task.FromResult("the abandoned check command survived paasd's restart"));
        }
        finally
        {
            await host.SendAsync(HttpMethod.Post, Paas.Core.Contracts.ApiRoutes.ChecksSkip(app), new Paas.Core.Contracts.CheckProcessTypesRequest(["web"]));
        }
    }

    private static string SleepingLivenessCheck(int sleep) => $$"""
        {
          "healthchecks": {
            "web": [
              { "type": "liveness", "name": "slow", "command": ["sleep", "{{sleep}}"], "attempts": 3, "wait": 1, "timeout": 600 }
            ]
          }
        }
        """;

    private static Paas.Core.Contracts.InstanceView Web1(Paas.Core.Contracts.ProcessReport report) =>
        Assert.Single(report.Instances, i => i.Dyno == "web.1");

    private async Task EnterAsync(string app, string dyno, string command)
    {
        var result = await host.Paasd.PaasAsync(["enter", app, dyno, command]);
        Assert.True(result.ExitCode == 0, $"enter {dyno} '{command}': {result.StandardError}");
    }

    /// <summary>Which instances answer through the router, over 12 requests (round robin over two backends reaches both).</summary>
    private async Task<HashSet<string>> DynosAnsweringAsync(string app)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            var (status, body) = await host.GetThroughRouterAsync(app);
            if (status == 200 && body.Split("dyno=") is [_, var dyno]) seen.Add(dyno.Trim());
        }
        return seen;
    }

    /// <summary>paasd's watches (<c>paas-session-watch</c> children) that would kill <paramref name="command"/>.</summary>
    private List<int> WatchesOf(int command) =>
        HostProcesses.ChildrenNamed(host.Paasd.ProcessId, "paas-session-watch")
            .Where(watch => Arguments(watch).Contains(command.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    private static string[] Arguments(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'); }
        catch (IOException) { return []; }
    }

    private static int SleepsAlive(int seconds) => HostProcesses.Sleeping(seconds).Count;
}
