using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// app.json liveness and readiness checks act on running containers after the deploy: a failing readiness
/// check takes the instance out of the router's backends until it passes again (the container keeps
/// running); a failing liveness check kills the container and the restart policy brings up a new one.
/// The checks are made to fail from inside the container (`enter ... touch /tmp/unready`). Failures and recoveries
/// are shown to the user: `paas[checks]` lines in `paas logs APP`, readiness and the last outcome in `ps:report`.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class RunningChecksTests(PushHost host)
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

    private const string LivenessAppJson = """
        {
          "healthchecks": {
            "web": [
              { "type": "liveness", "name": "live", "path": "/live", "attempts": 2, "wait": 1, "timeout": 1 }
            ]
          }
        }
        """;

    [Fact]
    public async Task AFailingReadinessCheck_TakesTheInstanceOutOfTheRoutes_UntilItPassesAgain()
    {
        var app = await host.CreateAppAsync("ready");
        await host.ScaleAsync(app, "web", 2);
        using (var work = await VersionedApp.CreateAsync(1, ReadinessAppJson))
            await host.PushAsync(work, app);
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.1", "web.2"]), TimeSpan.FromSeconds(10),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));
        var before = (await host.ReportAsync(app)).Instances.Select(i => i.ContainerId).Order().ToList();

        await EnterAsync(app, "web.1", "touch /tmp/unready");
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.2"]), TimeSpan.FromSeconds(15),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));
        var whileUnready = await host.ReportAsync(app);
        var psReport = await host.Paasd.PaasAsync(["ps:report", app]);

        await EnterAsync(app, "web.1", "rm /tmp/unready");
        await DeployHost.EventuallyAsync(async () => (await DynosAnsweringAsync(app)).SetEquals(["web.1", "web.2"]), TimeSpan.FromSeconds(15),
            async () => "answering: " + string.Join(", ", await DynosAnsweringAsync(app)));

        // Out of the routes, not restarted: the same containers ran throughout.
        Assert.Equal(before, whileUnready.Instances.Select(i => i.ContainerId).Order().ToList());
        Assert.All(whileUnready.Instances, i => Assert.Equal(("running", 0), (i.State, i.Restarts)));
        var after = await host.ReportAsync(app);
        Assert.Equal(before, after.Instances.Select(i => i.ContainerId).Order().ToList());

        // ps:report: web.1 was not ready and said why; web.2 was ready throughout; both are ready again.
        var unready = Assert.Single(whileUnready.Instances, i => i.Dyno == "web.1");
        Assert.Equal((false, false), (unready.Ready, unready.LastCheckOk));
        Assert.NotNull(unready.NotReadySince);
        Assert.StartsWith("readiness 'ready' failed 2 times in a row (", unready.LastCheck);
        Assert.True(Assert.Single(whileUnready.Instances, i => i.Dyno == "web.2").Ready);
        Assert.Contains("running (not ready)", psReport.StandardOutput);
        Assert.Contains("web.1 last check ", psReport.StandardOutput);
        Assert.Contains("readiness 'ready' failed 2 times in a row (", psReport.StandardOutput);
        Assert.Contains("(out of the routes)", psReport.StandardOutput);
        Assert.All(after.Instances, i => Assert.Equal((true, true, "readiness 'ready' passes"), (i.Ready, i.LastCheckOk, i.LastCheck)));

        // The app's log stream tells the same story, as lines of the platform's own.
        var logs = await host.Paasd.PaasAsync(["logs", app, "-n", "1000"]);
        Assert.Contains(" paas[checks]: web.1 failed its readiness check 'ready' 2 times in a row (", logs.StandardOutput);
        Assert.Contains(" paas[checks]: web.1 passes its readiness check 'ready' again: back in the routes", logs.StandardOutput);
        Assert.DoesNotContain("web.2", string.Join('\n', logs.StandardOutput.Split('\n').Where(l => l.Contains("paas[checks]"))));
        var checksOnly = (await host.Paasd.PaasAsync(["logs", app, "-p", "checks"])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, checksOnly.Length);
        Assert.All(checksOnly, l => Assert.Contains(" paas[checks]: web.1 ", l));
    }

    private const string TwoReadinessChecksAppJson = """
        {
          "healthchecks": {
            "web": [
              { "type": "readiness", "name": "ready", "path": "/ready", "attempts": 2, "wait": 1, "timeout": 1 },
              { "type": "readiness", "name": "alive", "path": "/live", "attempts": 2, "wait": 1, "timeout": 1 }
            ]
          }
        }
        """;

    [Fact]
    public async Task TwoChecks_OneFailingOnePassing_BothShowInPsReport()
    {
        var app = await host.CreateAppAsync("twochecks");
        using (var work = await VersionedApp.CreateAsync(1, TwoReadinessChecksAppJson))
            await host.PushAsync(work, app);
        await DeployHost.EventuallyAsync(async () => Assert.Single((await host.ReportAsync(app)).Instances).Checks?.Count == 2,
            TimeSpan.FromSeconds(10), () => host.DescribeAsync(app));

        await EnterAsync(app, "web.1", "touch /tmp/unready");
        await DeployHost.EventuallyAsync(async () => !Assert.Single((await host.ReportAsync(app)).Instances).Ready, TimeSpan.FromSeconds(15),
            () => host.DescribeAsync(app));
        // 'alive' passes throughout (it was recorded once, before 'ready' failed): it does not put the instance back.
        await Task.Delay(2500);
        var instance = Assert.Single((await host.ReportAsync(app)).Instances);
        var text = (await host.Paasd.PaasAsync(["ps:report", app])).StandardOutput;
        var json = (await host.Paasd.PaasAsync(["ps:report", app, "--format", "json"])).StandardOutput;
        Assert.Equal(503, (await host.GetThroughRouterAsync(app)).Status);

        Assert.False(instance.Ready);
        Assert.Collection(instance.Checks!,
            ready => Assert.Equal(("readiness", "ready", false, true), (ready.Type, ready.Name, ready.Ok, ready.Current)),
            alive => Assert.Equal(("readiness", "alive", true, "passes", "readiness 'alive' passes"), (alive.Type, alive.Name, alive.Ok, alive.Message, alive.Summary)));
        Assert.StartsWith("failed 2 times in a row (", instance.Checks![0].Message);
        // The single last check of before stays, for older readers: the failure, recorded last.
        Assert.False(instance.LastCheckOk);
        Assert.StartsWith("readiness 'ready' failed 2 times in a row (", instance.LastCheck);
        // Text: a line per check, the failing one saying it holds the instance out of the routes.
        var lines = text.Split('\n').Where(l => l.Contains("web.1 last check ")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("readiness 'ready' failed 2 times in a row (") && l.Contains("(out of the routes)"));
        Assert.Contains(lines, l => l.Contains("readiness 'alive' passes") && !l.Contains("out of the routes"));
        // JSON: both, beside the old fields.
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            var web1 = doc.RootElement.GetProperty("instances")[0];
            Assert.Equal(2, web1.GetProperty("checks").GetArrayLength());
            Assert.Equal("alive", web1.GetProperty("checks")[1].GetProperty("name").GetString());
            Assert.True(web1.GetProperty("checks")[1].GetProperty("ok").GetBoolean());
            Assert.False(web1.GetProperty("lastCheckOk").GetBoolean());
        }

        await EnterAsync(app, "web.1", "rm /tmp/unready");
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, TimeSpan.FromSeconds(15),
            () => host.DescribeAsync(app));
        Assert.All(Assert.Single((await host.ReportAsync(app)).Instances).Checks!, c => Assert.True(c.Ok));
        var logs = (await host.Paasd.PaasAsync(["logs", app, "-p", "checks"])).StandardOutput;
        Assert.Contains(" paas[checks]: web.1 failed its readiness check 'ready' 2 times in a row (", logs);
        Assert.Contains(" paas[checks]: web.1 passes its readiness check 'ready' again: back in the routes", logs);
    }

    [Fact]
    public async Task AFailingLivenessCheck_RestartsTheContainer_UnderTheRestartPolicy()
    {
        var app = await host.CreateAppAsync("live");
        using (var work = await VersionedApp.CreateAsync(1, LivenessAppJson))
            await host.PushAsync(work, app);
        var first = Assert.Single((await host.ReportAsync(app)).Instances);
        await Task.Delay(2500); // a few passing probes: a healthy container is left alone
        Assert.Equal(first.ContainerId, Assert.Single((await host.ReportAsync(app)).Instances).ContainerId);

        await EnterAsync(app, "web.1", "touch /tmp/dead");

        await DeployHost.EventuallyAsync(async () =>
            {
                var instance = Assert.Single((await host.ReportAsync(app)).Instances);
                return instance.ContainerId != first.ContainerId && instance.State == "running";
            }, TimeSpan.FromSeconds(30), () => host.DescribeAsync(app));
        var restarted = Assert.Single((await host.ReportAsync(app)).Instances);
        Assert.Equal((1, 137), (restarted.Restarts, restarted.LastExitCode));
        var logs = await host.Paasd.PaasAsync(["logs", app, "-n", "1000"]);
        Assert.Contains(" paas[checks]: web.1 failed its liveness check 'live' 2 times in a row (", logs.StandardOutput);
        Assert.Contains("killed, the restart policy restarts it", logs.StandardOutput);
        // The new container has no /tmp/dead: it stays, and serves.
        await Task.Delay(3000);
        Assert.Equal(restarted.ContainerId, Assert.Single((await host.ReportAsync(app)).Instances).ContainerId);
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, TimeSpan.FromSeconds(10),
            () => host.DescribeAsync(app));
    }

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
