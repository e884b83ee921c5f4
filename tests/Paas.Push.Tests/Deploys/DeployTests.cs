using System.Globalization;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// `git push` to an app answering through paas-router at APP.paas.test, and what happens to it
/// afterwards: redeploys under load, failing checks, crashes, scaling, rollback and config changes.
/// Real paasd, router, containers and git; traffic only to loopback.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class DeployTests(PushHost host)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task APush_EndsWithTheAppAnsweringThroughTheRouter()
    {
        var app = await host.CreateAppAsync("first");
        using var work = await VersionedApp.CreateAsync(1);

        var output = await host.PushOutputAsync(work, app);

        Assert.Contains($"remote: =====> Application deployed: http://{app}.{PaasdFixture.Domain}", output);
        var (status, body) = await host.GetThroughRouterAsync(app);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), (status, body.Trim()));
        var report = await host.ReportAsync(app);
        Assert.Equal((1, 1, false), (report.ServingRelease, report.LatestRelease, report.Stopped));
        var web = Assert.Single(report.Instances);
        Assert.Equal(("web.1", "running", 1), (web.Dyno, web.State, web.Release));
        Assert.Equal("succeeded", report.Deployments[0].Status);
    }

    [Fact]
    public async Task ARedeployOfTwoInstances_UnderAConstantStream_LosesNoRequest()
    {
        var app = await host.CreateAppAsync("zero");
        await host.ScaleAsync(app, "web", 2);
        await SetCheckAsync(app, "wait-to-retire", "1");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        await using var stream = new RequestStream(host.Paasd, app);
        await Task.Delay(1000);
        await VersionedApp.SetVersionAsync(work, 2);
        await host.PushAsync(work, app);
        // The old instances retire after wait-to-retire; the stream goes on past it.
        await Task.Delay(2500);
        await stream.StopAsync();

        Assert.True(stream.Failures.Count == 0, $"{stream.Failures.Count} requests lost of {stream.Succeeded + stream.Failures.Count}: " +
                                                string.Join("; ", stream.Failures.Take(5)));
        Assert.True(stream.RequestsPerSecond >= 50, $"only {stream.RequestsPerSecond:0} requests/s");
        var bodies = stream.Bodies.Keys.ToList();
        Assert.Contains("version=1 greeting= dyno=web.1", bodies);
        Assert.Contains("version=1 greeting= dyno=web.2", bodies);
        Assert.Contains("version=2 greeting= dyno=web.1", bodies);
        Assert.Contains("version=2 greeting= dyno=web.2", bodies);
        await DeployHost.EventuallyAsync(async () => (await host.ReportAsync(app)).Instances.All(i => i.Release == 2 && i.State == "running"),
            Soon, () => host.DescribeAsync(app));
    }

    [Fact]
    public async Task AFailingHealthCheck_RejectsThePush_AndTheOldReleaseServesOn_ThenConfigSetDeploysTheServingImage()
    {
        var app = await host.CreateAppAsync("sick");
        using var work = await VersionedApp.CreateAsync(1, VersionedApp.HealthCheckedAppJson);
        await host.PushAsync(work, app);

        await VersionedApp.SetVersionAsync(work, 2, unhealthy: true);
        var output = await host.PushOutputAsync(work, app);

        Assert.Contains("-> main (pre-receive hook declined)", output);
        Assert.Contains("check 'health'", output);
        Assert.Contains("v1 keeps serving", output);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
        var report = await host.ReportAsync(app);
        Assert.Equal((1, 2), (report.ServingRelease, report.LatestRelease));
        Assert.Equal("failed", report.Deployments[0].Status);
        Assert.All(report.Instances, i => Assert.Equal(1, i.Release));

        await host.SetConfigAsync(app, "GREETING", "hi");

        Assert.Equal((200, "version=1 greeting=hi dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
        Assert.Equal(3, (await host.ReportAsync(app)).ServingRelease);
    }

    [Fact]
    public async Task AKilledWebContainer_IsRestartedWithBackoff_WhileTheOtherInstanceServes()
    {
        var app = await host.CreateAppAsync("crash");
        await host.ScaleAsync(app, "web", 2);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        var before = (await host.ReportAsync(app)).Instances.Single(i => i.Dyno == "web.1");

        await using (var containers = new AppContainers(host.Paasd, "stack/host"))
            await containers.Runtime.KillAsync(before.ContainerId!, 9, CancellationToken.None);
        var killed = DateTime.UtcNow;

        // The exit is seen (one watched exit dir), the row changes, and the router drops web.1: from
        // then on web.2 answers everything, while web.1 waits out its backoff and its checks.
        await DeployHost.EventuallyAsync(async () =>
        {
            for (var i = 0; i < 5; i++)
                if (!(await host.GetThroughRouterAsync(app)).Body.Contains("dyno=web.2")) return false;
            return true;
        }, TimeSpan.FromSeconds(5), () => host.DescribeAsync(app));
        Assert.True(DateTime.UtcNow - killed < TimeSpan.FromSeconds(5));
        for (var i = 0; i < 20; i++)
            Assert.Equal(200, (await host.GetThroughRouterAsync(app)).Status);
        await DeployHost.EventuallyAsync(async () =>
        {
            var web1 = (await host.ReportAsync(app)).Instances.Single(i => i.Dyno == "web.1");
            return web1 is { State: "running", Restarts: 1 } && web1.ContainerId != before.ContainerId;
        }, Soon, () => host.DescribeAsync(app));
        var after = (await host.ReportAsync(app)).Instances.Single(i => i.Dyno == "web.1");
        Assert.Equal(137, after.LastExitCode);
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Body.Contains("dyno=web.1"), Soon,
            () => host.DescribeAsync(app));
    }

    [Fact]
    public async Task ScalingOut_ReachesEveryInstance_AndScalingIn_RetiresTheRest()
    {
        var app = await host.CreateAppAsync("scale");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        await host.ScaleAsync(app, "web", 3);
        await DeployHost.EventuallyAsync(async () => (await host.ReportAsync(app)).Instances.Count(i => i.State == "running") == 3,
            Soon, () => host.DescribeAsync(app));
        var seen = new HashSet<string>();
        for (var i = 0; i < 60 && seen.Count < 3; i++)
            seen.Add((await host.GetThroughRouterAsync(app)).Body.Trim());
        Assert.Equal(["version=1 greeting= dyno=web.1", "version=1 greeting= dyno=web.2", "version=1 greeting= dyno=web.3"], seen.Order());

        await using var stream = new RequestStream(host.Paasd, app, clients: 2);
        await host.ScaleAsync(app, "web", 1);
        await DeployHost.EventuallyAsync(async () => (await host.ReportAsync(app)).Instances.Count == 1, Soon, () => host.DescribeAsync(app));
        await stream.StopAsync();
        Assert.True(stream.Failures.Count == 0, string.Join("; ", stream.Failures.Take(5)));
        Assert.Equal("web.1", Assert.Single((await host.ReportAsync(app)).Instances).Dyno);
    }

    [Fact]
    public async Task Rollback_ServesTheOldVersion_AndConfigSet_RestartsWithTheNewValue()
    {
        var app = await host.CreateAppAsync("back");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        await VersionedApp.SetVersionAsync(work, 2);
        await host.PushAsync(work, app);
        Assert.StartsWith("version=2", (await host.GetThroughRouterAsync(app)).Body);

        var rollback = await host.Paasd.PaasAsync(["releases:rollback", app, "v1"]);

        Assert.True(rollback.ExitCode == 0, rollback.StandardError);
        Assert.Contains("v3 serves", rollback.StandardOutput);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));

        var set = await host.Paasd.PaasAsync(["config:set", app, "GREETING=hello"]);
        Assert.True(set.ExitCode == 0, set.StandardError);
        Assert.Equal((200, "version=1 greeting=hello dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));

        var bad = await host.Paasd.PaasAsync(["releases:rollback", app, "v99"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("has no release v99", bad.StandardError);
    }

    [Fact]
    public async Task AStoppedApp_Answers503_AndAnUnknownHost404()
    {
        var app = await host.CreateAppAsync("stop");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        var stop = await host.Paasd.PaasAsync(["ps:stop", app]);
        Assert.True(stop.ExitCode == 0, stop.StandardError);
        var started = DateTime.UtcNow;
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 503, TimeSpan.FromSeconds(5),
            () => host.DescribeAsync(app));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(404, (await host.GetThroughRouterAsync("nothing-here." + PaasdFixture.Domain)).Status);
        // A config change while stopped starts nothing; it serves once the app starts.
        await host.SetConfigAsync(app, "GREETING", "later");
        Assert.Equal(503, (await host.GetThroughRouterAsync(app)).Status);
        Assert.DoesNotContain((await host.ReportAsync(app)).Instances, i => i.State != "retiring");

        var start = await host.Paasd.PaasAsync(["ps:start", app]);
        Assert.True(start.ExitCode == 0, start.StandardError);
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, Soon, () => host.DescribeAsync(app));
        Assert.Equal("version=1 greeting=later dyno=web.1", (await host.GetThroughRouterAsync(app)).Body.Trim());
    }

    [Fact]
    public async Task TheReleaseCommand_RunsBeforeTheSwitch_AndFailsTheDeploy_AndPostdeployRunsAfterIt()
    {
        var app = await host.CreateAppAsync("phases");
        const string appJson = "{ \"scripts\": { \"dokku\": { \"postdeploy\": \"echo postdeploy ran as $DYNO\" } } }";
        using var work = await VersionedApp.CreateAsync(1, appJson, moreProcfile: "release: echo release ran for v$(cat VERSION)\n");

        var first = await host.PushOutputAsync(work, app);

        Assert.Contains("remote:        release ran for v1", first);
        Assert.Contains("remote:        postdeploy ran as postdeploy.1", first);
        Assert.True(first.IndexOf("release ran", StringComparison.Ordinal) < first.IndexOf("Routes switched", StringComparison.Ordinal), first);
        Assert.True(first.IndexOf("Routes switched", StringComparison.Ordinal) < first.IndexOf("postdeploy ran", StringComparison.Ordinal), first);

        await work.WriteAsync("Procfile", "web: bin/web\nrelease: echo migration failed; exit 4\n");
        await VersionedApp.SetVersionAsync(work, 2);
        var second = await host.PushOutputAsync(work, app);

        Assert.Contains("the release command failed (exit code 4)", second);
        Assert.Contains("-> main (pre-receive hook declined)", second);
        Assert.Equal((200, "version=1 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
    }

    [Fact]
    public async Task HerokusScriptsPostdeploy_RunsOnce_AfterTheFirstDeploy_AndAFailedOneRunsAgain()
    {
        var app = await host.CreateAppAsync("once");
        const string failing = "{ \"scripts\": { \"postdeploy\": \"echo setting up v$(cat VERSION); exit 5\" } }";
        const string working = "{ \"scripts\": { \"postdeploy\": \"echo set up v$(cat VERSION) as $DYNO\" } }";
        using var work = await VersionedApp.CreateAsync(1, failing);

        var first = await host.PushOutputAsync(work, app);
        await VersionedApp.SetVersionAsync(work, 2, working);
        var second = await host.PushOutputAsync(work, app);
        await VersionedApp.SetVersionAsync(work, 3);
        var third = await host.PushOutputAsync(work, app);

        // v1 serves (its routes switched first); the failure is said and the script is not marked as run.
        Assert.Contains("remote:        setting up v1", first);
        Assert.Contains("scripts.postdeploy (v1 serves already; it runs again on the next deploy)", first);
        Assert.Contains("remote: -----> Running scripts.postdeploy (once, on the app's first deploy): echo set up", second);
        Assert.Contains("remote:        set up v2 as postdeploy.1", second);
        Assert.DoesNotContain("scripts.postdeploy", third);
        Assert.DoesNotContain("set up v", third);
        Assert.Contains("Application deployed", third);
        Assert.Equal((200, "version=3 greeting= dyno=web.1"), Trim(await host.GetThroughRouterAsync(app)));
    }

    [Fact]
    public async Task DestroyingADeployedApp_RemovesItsContainers_AndItsRoutes()
    {
        var app = await host.CreateAppAsync("gone");
        await host.ScaleAsync(app, "web", 2);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        var ids = (await host.ReportAsync(app)).Instances.Select(i => i.ContainerId!).ToList();

        var destroy = await host.Paasd.PaasAsync(["apps:destroy", app, "--force"]);

        Assert.True(destroy.ExitCode == 0, destroy.StandardError + host.Paasd.Log);
        await using var containers = new AppContainers(host.Paasd, "stack/host");
        foreach (var id in ids) Assert.Null(await containers.Runtime.FindAsync(id, CancellationToken.None));
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 404, Soon,
            () => Task.FromResult(host.Paasd.Log));
    }

    private Task SetCheckAsync(string app, string key, string value) =>
        host.SendAsync(HttpMethod.Put, ApiRoutes.CheckSettings(app), new SetCheckSettingRequest(key, value));

    private static (int, string) Trim((int Status, string Body) answer) => (answer.Status, answer.Body.Trim());
}
