using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Host ports another process holds: the router reports what it could not bind (router/applied),
/// `ports:add` of such a port is refused and taken back, and `ports:list` / `apps:report` show a
/// mapping whose port was taken before the router got to it, until the port is free and bound.
/// Real paasd, router and container; the "other process" is a listener of this test on loopback.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class UnboundPortTests(PushHost host)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task APortHeldByAnotherProcess_IsRefusedByPortsAdd_OrShownUnboundUntilItIsFree()
    {
        var app = await host.CreateAppAsync("taken");
        var early = new TcpListener(IPAddress.Loopback, 0);
        early.Start();
        using var late = new TcpListener(IPAddress.Loopback, 0);
        late.Start();
        var earlyPort = ((IPEndPoint)early.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var latePort = ((IPEndPoint)late.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        try
        {
            // Before the first deploy the app has no route, so nothing is bound and nothing can be refused yet.
            var before = await host.Paasd.PaasAsync(["ports:add", app, $"tcp:{earlyPort}:5000"]);
            Assert.True(before.ExitCode == 0, before.StandardError);
            using var work = await VersionedApp.CreateAsync(1);
            await host.PushAsync(work, app);

            var list = await host.Paasd.PaasAsync(["ports:list", app]);
            var report = await host.Paasd.PaasAsync(["apps:report", app]);
            Assert.Matches($@"tcp\s+{earlyPort}\s+5000\s+.*address already in use", list.StandardOutput.ToLowerInvariant());
            Assert.Matches($@"Ports unbound:?\s+tcp:{earlyPort}:5000 \(", report.StandardOutput);

            var refused = await host.Paasd.PaasAsync(["ports:add", app, $"tcp:{latePort}:5000", "udp:" + latePort + ":5353"]);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"port mapping 'tcp:{latePort}:5000': host port {latePort} is in use by another process on this host", refused.StandardError);
            Assert.Contains("nothing was added", refused.StandardError);
            // Taken back whole: neither of the two mappings stayed (the udp one could have been served).
            var after = await host.Paasd.PaasAsync(["ports:list", app]);
            Assert.DoesNotContain(latePort, after.StandardOutput);

            // The other process goes: the router binds the port on its next try, and the report says so.
            early.Stop();
            await DeployHost.EventuallyAsync(async () =>
                !(await host.Paasd.PaasAsync(["ports:list", app])).StandardOutput.Contains("already in use", StringComparison.OrdinalIgnoreCase), Soon,
                async () => (await host.Paasd.PaasAsync(["ports:list", app])).StandardOutput + host.Paasd.Log);
        }
        finally
        {
            early.Stop();
        }
    }
}
