using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Liveness/readiness checks across a `kill -9` of paasd: an instance a readiness check took out of the routes
/// stays out when paasd starts again (its readiness is kept with the instance, not in paasd's memory).
/// </summary>
public sealed class RunningChecksRestartTests(ResilienceHost host) : IClassFixture<ResilienceHost>
{
    private const string ReadinessAppJson = """
        {
          "healthchecks": {
            "web": [
              { "type": "readiness", "name": "ready", "path": "/ready", "attempts": 2, "wait": 1, "timeout": 1 }
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
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.2"]), TimeSpan.FromSeconds(15),
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
}
