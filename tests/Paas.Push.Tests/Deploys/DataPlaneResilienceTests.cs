using Paas.Core.Containers;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// The data plane does not depend on the control plane: the router and the containers keep
/// serving while paasd is killed (kill -9) and while PostgreSQL is down, and paasd's start repairs
/// what vanished behind its back (as after a host reboot) without restarting what is healthy.
/// </summary>
public sealed class DataPlaneResilienceTests(ResilienceHost host) : IClassFixture<ResilienceHost>
{
    [Fact]
    public async Task KillingPaasd_AndStoppingPostgres_InterruptNoRequest_AndRestartNoHealthyContainer()
    {
        var app = await host.CreateAppAsync("steady");
        await host.ScaleAsync(app, "web", 2);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        var before = (await host.ReportAsync(app)).Instances.Select(i => i.ContainerId).Order().ToList();

        await using (var stream = new RequestStream(host.Paasd, app, clients: 2))
        {
            await host.Paasd.KillAsync();
            await Task.Delay(1500);
            await host.Paasd.DatabaseServer.StopAsync();
            await Task.Delay(1500);
            await host.Paasd.DatabaseServer.StartAgainAsync();
            await host.Paasd.RestartAsync();
            await Task.Delay(1500);
            await stream.StopAsync();
            Assert.True(stream.Failures.Count == 0, $"{stream.Failures.Count} lost: " + string.Join("; ", stream.Failures.Take(5)));
            Assert.True(stream.Succeeded > 100, $"only {stream.Succeeded} requests answered");
        }

        var after = (await host.ReportAsync(app)).Instances;
        Assert.Equal(before, after.Select(i => i.ContainerId).Order().ToList());
        Assert.All(after, i => Assert.Equal(("running", 0), (i.State, i.Restarts)));
    }

    [Fact]
    public async Task ContainersGoneBehindPaasdsBack_AreReconciledWithinTenSecondsOfItsStart()
    {
        var app = await host.CreateAppAsync("reboot");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        await host.Paasd.KillAsync();
        await using (var containers = new AppContainers(host.Paasd, "stack/host"))
            foreach (var container in await containers.Runtime.ListAsync(CancellationToken.None))
                await containers.Runtime.DeleteAsync(container.Id, CancellationToken.None);

        await host.Paasd.RestartAsync();
        var started = DateTime.UtcNow;
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, TimeSpan.FromSeconds(10),
            () => host.DescribeAsync(app));
        Assert.True(DateTime.UtcNow - started <= TimeSpan.FromSeconds(10));
        Assert.Equal(1, Assert.Single((await host.ReportAsync(app)).Instances).Restarts);
    }
}
