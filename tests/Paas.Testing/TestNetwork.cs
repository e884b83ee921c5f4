using Xunit;
using System.Diagnostics;
using System.Net;
using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Runtime.Network;

namespace Paas.Testing;

/// <summary>
/// One test's (or one test paasd's) own bridge (a prefix + 6 hex) and /24 in 10.214.0.0/16, so that
/// test processes and fixtures running side by side never share addresses or a firewall table.
/// Without outbound NAT nothing leaves the machine; a paasd fixture turns it on for builds that fetch
/// packages. Disposal removes the attachments, the bridge, its nftables table, portmap's shared chains
/// once unused and empty nat tables, and puts ip_forward back unless asked not to (the bridge plugin
/// switches it on, and other test paasds may still need it).
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private static readonly string ForwardingAtStart = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
    private readonly string _cniDir;

    private readonly bool _restoreForwarding;

    private TestNetwork(NetworkSettings settings, string cniDir, bool restoreForwarding)
    {
        _restoreForwarding = restoreForwarding;
        Settings = settings;
        _cniDir = cniDir;
        Network = new CniContainerNetwork(settings, cniDir);
    }

    public NetworkSettings Settings { get; }
    public CniContainerNetwork Network { get; }

    /// <summary>The bridge's own address: the host, as a container on the bridge sees it.</summary>
    public IPAddress Gateway
    {
        get
        {
            var bytes = IPNetwork.Parse(Settings.Subnet).BaseAddress.GetAddressBytes();
            bytes[3]++;
            return new IPAddress(bytes);
        }
    }

    public static async Task<TestNetwork> CreateAsync(RuntimePaths paths, string prefix = "pb", bool outboundNat = false)
    {
        foreach (var plugin in new[] { "bridge", "host-local", "portmap", "loopback" })
            Assert.True(File.Exists(Path.Combine(CniContainerNetwork.DefaultPluginDirectory, plugin)),
                $"CNI plugin {plugin} missing (apt-get install containernetworking-plugins)");
        var routes = (await RunAsync("ip", "-4", "route", "show")).Stdout;
        var third = Enumerable.Range(0, 250).Select(_ => Random.Shared.Next(1, 250)).First(n => !routes.Contains($"10.214.{n}.", StringComparison.Ordinal));
        var bridge = prefix + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..6].ToLowerInvariant();
        return new TestNetwork(new NetworkSettings(bridge, $"10.214.{third}.0/24", OutboundNat: outboundNat), paths.Cni,
            restoreForwarding: !outboundNat);
    }

    public async ValueTask DisposeAsync()
    {
        try { await Network.RemoveStaleAsync(new HashSet<string>(), CancellationToken.None); }
        catch (Exception) { } // the raw cleanup below still runs
        await RunAsync("ip", "link", "delete", Settings.BridgeName);
        await RemoveUnusedPortmapChainsAsync();
        foreach (var (save, family) in new[] { ("iptables-save", "ip"), ("ip6tables-save", "ip6") })
        {
            var nat = await RunAsync(save, "-t", "nat");
            var builtIn = new[] { ":PREROUTING ", ":INPUT ", ":OUTPUT ", ":POSTROUTING " };
            var inUse = nat.Stdout.Split('\n').Any(l => l.StartsWith("-A ", StringComparison.Ordinal)
                || (l.StartsWith(':') && !builtIn.Any(b => l.StartsWith(b, StringComparison.Ordinal))));
            if (nat.ExitCode == 0 && !inUse) await RunAsync("nft", "delete", "table", family, "nat");
        }

        try { await Network.RemoveStaleAsync(new HashSet<string>(), CancellationToken.None); }
        catch (Exception) { }
        await RunAsync("nft", "delete", "table", "inet", "paas-" + Settings.BridgeName);
        if (_restoreForwarding && ForwardingAtStart.Length > 0) await File.WriteAllTextAsync("/proc/sys/net/ipv4/ip_forward", ForwardingAtStart);
        if (Directory.Exists(_cniDir)) Directory.Delete(_cniDir, recursive: true);
    }

    private static async Task RemoveUnusedPortmapChainsAsync()
    {
        var nat = (await RunAsync("iptables-save", "-t", "nat")).Stdout;
        if (nat.Contains("-A CNI-HOSTPORT-DNAT ", StringComparison.Ordinal) || nat.Contains("-A CNI-DN-", StringComparison.Ordinal)) return;
        string[][] jumps =
        [
            ["PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"],
            ["OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"],
            ["POSTROUTING", "-m", "comment", "--comment", "CNI portfwd requiring masquerade", "-j", "CNI-HOSTPORT-MASQ"],
        ];
        foreach (var jump in jumps)
            while ((await RunAsync("iptables", ["-t", "nat", "-D", .. jump])).ExitCode == 0) { }
        foreach (var chain in new[] { "CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK" })
        {
            await RunAsync("iptables", "-t", "nat", "-F", chain);
            await RunAsync("iptables", "-t", "nat", "-X", chain);
        }
    }

    private static async Task<(int ExitCode, string Stdout)> RunAsync(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout);
    }
}
