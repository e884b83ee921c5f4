using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// A change of the checks settings reaches the liveness/readiness checks already under way: after `checks:disable`
/// (or `checks:skip`) of a process type, its checks neither gate nor kill its containers any more, at once. A check
/// command running in the container is killed (no `sleep` of it left in the container, no exec session record left
/// behind), and an instance a failing readiness check held out of the routes is routed again.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class RunningChecksSettingsTests(PushHost host)
{
    [Fact]
    public async Task ChecksDisable_KillsARunningCheckCommand_AndPutsTheInstanceBackInTheRoutes()
    {
        var sleep = Random.Shared.Next(100_000, 999_999);
        var app = await host.CreateAppAsync("checksoff");
        using (var work = await VersionedApp.CreateAsync(1, SlowReadinessCheck(sleep)))
            await host.PushAsync(work, app);
        // The check fails at once while /tmp/slow is missing: the instance goes out of the routes.
        await DeployHost.EventuallyAsync(async () => !Web1(await host.ReportAsync(app)).Ready, TimeSpan.FromSeconds(15),
            () => host.DescribeAsync(app));
        // Then its next probe runs a long sleep in the container, and no outcome comes for now.
        var enter = await host.Paasd.PaasAsync(["enter", app, "web.1", "touch /tmp/slow"]);
        Assert.True(enter.ExitCode == 0, enter.StandardError);
        await DeployHost.EventuallyAsync(() => Task.FromResult(HostProcesses.Sleeping(sleep).Count == 1), TimeSpan.FromSeconds(15),
            () => Task.FromResult($"the check's sleep runs {HostProcesses.Sleeping(sleep).Count} times"));
        var container = Web1(await host.ReportAsync(app)).ContainerId!;
        Assert.Single(SessionsOf(container));
        Assert.Equal(503, (await host.GetThroughRouterAsync(app)).Status);

        var disable = await host.Paasd.PaasAsync(["checks:disable", app, "web"]);
        Assert.True(disable.ExitCode == 0, disable.StandardError);
        var disabled = System.Diagnostics.Stopwatch.StartNew();

        await DeployHost.EventuallyAsync(() => Task.FromResult(HostProcesses.Sleeping(sleep).Count == 0), TimeSpan.FromSeconds(5),
            () => Task.FromResult("the check's sleep still runs in the container"));
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, TimeSpan.FromSeconds(5),
            () => host.DescribeAsync(app));
        Assert.True(disabled.Elapsed < TimeSpan.FromSeconds(5), $"{disabled.Elapsed}");
        var instance = Web1(await host.ReportAsync(app));
        Assert.Equal((container, true, "running", 0), (instance.ContainerId, instance.Ready, instance.State, instance.Restarts));
        Assert.Empty(SessionsOf(container));

        // And it stays so: nothing probes web any more, so no new sleep starts and nothing takes it out again.
        await Task.Delay(2500);
        Assert.Empty(HostProcesses.Sleeping(sleep));
        Assert.True(Web1(await host.ReportAsync(app)).Ready);
    }

    /// <summary>A readiness check that fails at once until /tmp/slow exists, then sleeps (its timeout is 10 minutes).</summary>
    private static string SlowReadinessCheck(int sleep) => $$"""
        {
          "healthchecks": {
            "web": [
              { "type": "readiness", "name": "slow", "command": ["sh", "-c", "if [ -e /tmp/slow ]; then exec sleep {{sleep}}; fi; exit 1"],
                "attempts": 1, "wait": 1, "timeout": 600 }
            ]
          }
        }
        """;

    private static Paas.Core.Contracts.InstanceView Web1(Paas.Core.Contracts.ProcessReport report) =>
        Assert.Single(report.Instances, i => i.Dyno == "web.1");

    /// <summary>The exec session directories (`exec/ID`) of one container: one per command run in it by runc exec.</summary>
    private List<string> SessionsOf(string container)
    {
        var dir = Path.Combine(host.Paasd.Root, "run", "containers", container, "exec");
        return Directory.Exists(dir) ? Directory.EnumerateDirectories(dir).ToList() : [];
    }
}
