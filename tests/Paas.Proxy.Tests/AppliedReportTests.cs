using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>
/// router/applied: the router reports the revision it serves with the ports it could not bind (a
/// loopback port this test holds stands in for another process), and writes the report again once
/// such a port is free and bound on its next try.
/// </summary>
public sealed class AppliedReportTests(RouterProcess router) : IClassFixture<RouterProcess>
{
    [Fact]
    public async Task PortsTakenByAnotherProcess_AreListedWithTheReason_UntilTheyBind()
    {
        var tcp = new TcpListener(IPAddress.Loopback, 0);
        tcp.Start();
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var tcpPort = ((IPEndPoint)tcp.LocalEndpoint).Port;
        var udpPort = ((IPEndPoint)udp.LocalEndPoint!).Port;
        var freePort = FreePort.Next();
        try
        {
            var revision = await router.PublishAsync(
            [
                Routes.App(1, "held", tcpPort, 5000, ["127.0.0.1"], scheme: "tcp"),
                Routes.App(2, "dns", udpPort, 53, ["127.0.0.1"], scheme: "udp"),
                Routes.App(3, "free", freePort, 5000, ["127.0.0.1"], scheme: "tcp"),
            ]);

            var report = RouterAppliedReport.Read(router.AppliedPath);
            Assert.NotNull(report);
            Assert.Equal(revision, report.Revision);
            Assert.Equal([(tcpPort, "tcp"), (udpPort, "udp")], report.Unbound.Select(u => (u.Port, u.Scheme)).OrderBy(u => u.Scheme));
            Assert.All(report.Unbound, u => Assert.Contains("already in use", u.Reason, StringComparison.OrdinalIgnoreCase));
            var json = await File.ReadAllTextAsync(router.AppliedPath);
            Assert.Contains("\"unbound\"", json);

            tcp.Stop();
            udp.Dispose();
            var waited = Stopwatch.StartNew();
            while (RouterAppliedReport.Read(router.AppliedPath) is not { Unbound.Count: 0 })
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"the report still lists unbound ports:\n{await File.ReadAllTextAsync(router.AppliedPath)}\n{router.Log}");
                await Task.Delay(100);
            }
            Assert.Equal(revision, RouterAppliedReport.Read(router.AppliedPath)!.Revision);
        }
        finally
        {
            tcp.Stop();
            udp.Dispose();
        }
    }

    [Fact]
    public void ABareRevision_AsOlderRoutersWroteIt_ReadsAsAReportWithNothingUnbound()
    {
        var path = Path.Combine(router.Root, "old-applied");
        File.WriteAllText(path, "42\n");

        var report = RouterAppliedReport.Read(path);

        Assert.Equal(42, report?.Revision);
        Assert.Empty(report!.Unbound);
    }
}
