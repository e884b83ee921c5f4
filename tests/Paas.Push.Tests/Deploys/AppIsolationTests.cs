using System.Globalization;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// The security issue's network rules, tried from inside a deployed app's container (its code is
/// hostile): no reach to the host (paasd's API, the router, PostgreSQL, SSH on the bridge's gateway)
/// or to another app's container, while its own instances still reach each other.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class AppIsolationTests(PushHost host)
{
    [Fact]
    public async Task ADeployedApp_ReachesNeitherTheHostNorAnotherApp_ButItsOwnInstances()
    {
        var attacker = await host.CreateAppAsync("attacker");
        var victim = await host.CreateAppAsync("victim");
        await host.ScaleAsync(attacker, "web", 2);
        using (var work = await VersionedApp.CreateAsync(1)) await host.PushAsync(work, attacker);
        using (var work = await VersionedApp.CreateAsync(1)) await host.PushAsync(work, victim);
        var mine = (await host.ReportAsync(attacker)).Instances.OrderBy(i => i.Dyno).ToList();
        var theirs = Assert.Single((await host.ReportAsync(victim)).Instances);
        var gateway = host.Paasd.Network!.Gateway.ToString();

        await using var containers = new AppContainers(host.Paasd, "stack/host");
        async Task<bool> ConnectsAsync(string address, int port)
        {
            var probe = $"timeout 3 bash -c '</dev/tcp/{address}/{port.ToString(CultureInfo.InvariantCulture)}'";
            var result = await containers.Runtime.ExecAsync(mine[0].ContainerId!, ["/bin/sh", "-c", probe], null, TimeSpan.FromSeconds(10),
                CancellationToken.None);
            return result.ExitCode == 0;
        }

        // The probe works: its own app's other instance answers.
        Assert.True(await ConnectsAsync(mine[1].Address!, 5000), "the attacker's web.2 should be reachable from its web.1");
        Assert.False(await ConnectsAsync(theirs.Address!, 5000), "another app's container answered");
        Assert.False(await ConnectsAsync(gateway, host.Paasd.BaseUrl.Port), "paasd's API answered on the gateway");
        Assert.False(await ConnectsAsync(gateway, host.Paasd.HttpPort), "the router answered on the gateway");
        Assert.False(await ConnectsAsync(gateway, 22), "SSH answered on the gateway");
        Assert.False(await ConnectsAsync(gateway, 5432), "PostgreSQL answered on the gateway");
        Assert.False(await ConnectsAsync("127.0.0.1", host.Paasd.BaseUrl.Port), "the host's loopback is the container's own");
    }
}
