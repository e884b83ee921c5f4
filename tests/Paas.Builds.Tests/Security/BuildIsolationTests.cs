using Paas.Builds.Tests.Support;
using Paas.Testing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Paas.Core.Containers;

namespace Paas.Builds.Tests.Security;

/// <summary>
/// The security issue's checks, run from inside a build (the probe fixture buildpack tries each one):
/// on the bridge like a real build, as uid 1000 without capabilities, writing only /tmp/build and
/// /tmp/cache on the host, reading none of the host's secrets, reaching none of the host's services.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class BuildIsolationTests(BuildHost host)
{
    [Fact]
    public async Task Build_WritesOnlyBuildAndCache_CannotReadHostShadow_CannotReachHostServices()
    {
        await using var network = await TestNetwork.CreateAsync(host.Paths);
        await using var build = new AppBuild(host, host.Options(NetworkMode.Bridge), network.Network);
        await build.WriteSourceAsync(new Dictionary<string, string> { ["probe.txt"] = "" });
        // A host service on every address (loopback included), like paasd's API or PostgreSQL.
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        using var stopAccepting = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stopAccepting.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stopAccepting.Token);
                Interlocked.Increment(ref accepted);
            }
        });
        var output = new RecordingBuildOutput();

        await build.BuildAsync(output, new Dictionary<string, string>
        {
            ["PROBE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["PROBE_GATEWAY"] = network.Gateway.ToString(),
        });
        stopAccepting.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);

        string[] expected =
        [
            "PROBE write /tmp/env: denied",
            "PROBE write /tmp/buildpacks: denied",
            "PROBE write /tmp/paas/driver: denied",
            "PROBE write /etc: denied",
            "PROBE write /usr: denied",
            "PROBE write /tmp/build: allowed",
            "PROBE write /tmp/cache: allowed",
            "PROBE read /etc/shadow: denied",
            "PROBE read host shadow via /proc/1/root: denied",
            "PROBE connect 127.0.0.1: denied",
            "PROBE connect gateway: denied",
            "PROBE uid=1000 caps=0000000000000000",
        ];
        Assert.Equal(expected, output.Lines.Where(l => l.StartsWith("PROBE ", StringComparison.Ordinal) && !l.StartsWith("PROBE address=", StringComparison.Ordinal)));
        // On the bridge, so the refused connections were refused by the firewall, not for want of a route.
        var address = IPAddress.Parse(output.Lines.Single(l => l.StartsWith("PROBE address=", StringComparison.Ordinal))["PROBE address=".Length..]);
        Assert.True(IPNetwork.Parse(network.Settings.Subnet).Contains(address), $"build container address {address} is not on the test bridge");
        Assert.Equal(0, accepted);
        var hostShadow = (await File.ReadAllLinesAsync("/etc/shadow")).First();
        Assert.DoesNotContain(output.Lines, l => l.Contains(hostShadow, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(build.CacheDir, "probe-in-cache")));
        Assert.Empty(Directory.GetFiles(host.BuiltinBuildpacks));
        Assert.False(File.Exists("/etc/probe") || File.Exists("/usr/probe"));
    }
}
