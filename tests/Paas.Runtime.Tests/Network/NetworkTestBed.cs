using System.Net;
using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Runtime.Network;

namespace Paas.Runtime.Tests.Network;

/// <summary>
/// One test's private network: its own bridge (pt + 6 hex), its own /24 in 10.213.0.0/16, its
/// own temp root. Disposal removes everything the test made even when it failed: attachments,
/// netns, the bridge and its nftables table, portmap's shared chains once nobody uses them,
/// empty nat tables, the root, and puts ip_forward back (the bridge plugin switches it on). Container tests can use it too:
/// pass <see cref="Network"/> to the runtime and dispose the bed.
/// </summary>
internal sealed class NetworkTestBed : IAsyncDisposable
{
    /// <summary>The isolation group of the tests' containers unless a test is about groups.</summary>
    public const string App = "app-id:test";

    private static readonly string ForwardingAtStart = ReadForwarding();
    private static int nextSubnet = Random.Shared.Next(1, 250);

    private readonly HashSet<string> containerIds = [];

    private NetworkTestBed(string root, NetworkSettings settings)
    {
        Root = root;
        Settings = settings;
    }

    public string Root { get; }
    public NetworkSettings Settings { get; }
    public RuntimePaths Paths => new(Root);
    public string CniDirectory => Paths.Cni;
    public IPNetwork Subnet => IPNetwork.Parse(Settings.Subnet);

    /// <summary>The bridge's own address (host-local gives the gateway the subnet's first address).</summary>
    public IPAddress Gateway
    {
        get
        {
            var bytes = Subnet.BaseAddress.GetAddressBytes();
            bytes[3]++;
            return new IPAddress(bytes);
        }
    }

    /// <summary>The nftables table the runtime keeps for this bed's bridge.</summary>
    public string FirewallTable => "paas-" + Settings.BridgeName;

    public static async Task<NetworkTestBed> CreateAsync(string subnetSuffix = "/24")
    {
        Assert.True(Environment.UserName == "root", "network tests create namespaces and bridges: run them as root");
        foreach (var plugin in new[] { "bridge", "host-local", "portmap", "loopback" })
        {
            Assert.True(File.Exists(Path.Combine(CniContainerNetwork.DefaultPluginDirectory, plugin)),
                $"CNI plugin {plugin} missing in {CniContainerNetwork.DefaultPluginDirectory} (apt-get install containernetworking-plugins)");
        }
        var bridge = "pt" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..6].ToLowerInvariant();
        var subnet = await FreeSubnetAsync(subnetSuffix);
        var root = Directory.CreateTempSubdirectory("paas-net-test-").FullName;
        return new NetworkTestBed(root, new NetworkSettings(bridge, subnet, OutboundNat: false));
    }

    public CniContainerNetwork Network(NetworkSettings? settings = null, string? pluginDirectory = null) =>
        new(settings ?? Settings, Paths, pluginDirectory ?? CniContainerNetwork.DefaultPluginDirectory);

    /// <summary>A fresh container id, remembered so disposal can clean up after it.</summary>
    public string NewContainerId()
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..12];
        containerIds.Add(id);
        return id;
    }

    public static string NetnsName(string containerId) => CniContainerNetwork.NetnsNameOf(containerId);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Every attachment recorded under this root, including ones whose ids the test never told us.
            await Network().RemoveStaleAsync(new HashSet<string>(), CancellationToken.None);
        }
        catch (Exception)
        {
            // Fall through to the raw cleanup below.
        }
        await using (await CniHostLock.AcquireAsync(CancellationToken.None))
        {
            foreach (var id in containerIds)
            {
                await HostTool.RunAsync("ip", "netns", "delete", NetnsName(id));
            }
            await HostTool.RunAsync("ip", "link", "delete", Settings.BridgeName);
            await RemoveUnusedPortmapChainsAsync();
            await RemoveEmptyNatTableAsync("iptables-save", "ip");
            await RemoveEmptyNatTableAsync("ip6tables-save", "ip6");
            if (ForwardingAtStart.Length > 0)
            {
                await File.WriteAllTextAsync("/proc/sys/net/ipv4/ip_forward", ForwardingAtStart);
            }
        }
        try
        {
            // The bridge is gone and nothing is attached: the runtime's own sync removes its table.
            await Network().RemoveStaleAsync(new HashSet<string>(), CancellationToken.None);
        }
        catch (Exception)
        {
            // Fall through to the raw cleanup below.
        }
        await HostTool.RunAsync("nft", "delete", "table", "inet", FirewallTable);
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>portmap leaves its top-level chains and jump rules behind by design; remove them once no container uses them.</summary>
    private static async Task RemoveUnusedPortmapChainsAsync()
    {
        var nat = (await HostTool.RunAsync("iptables-save", "-t", "nat")).Stdout;
        if (nat.Contains("-A CNI-HOSTPORT-DNAT ", StringComparison.Ordinal) || nat.Contains("-A CNI-DN-", StringComparison.Ordinal))
        {
            return;
        }
        string[][] jumps =
        [
            ["PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"],
            ["OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT"],
            ["POSTROUTING", "-m", "comment", "--comment", "CNI portfwd requiring masquerade", "-j", "CNI-HOSTPORT-MASQ"],
        ];
        foreach (var jump in jumps)
        {
            while ((await HostTool.RunAsync("iptables", ["-t", "nat", "-D", .. jump])).ExitCode == 0)
            {
            }
        }
        foreach (var chain in new[] { "CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK" })
        {
            await HostTool.RunAsync("iptables", "-t", "nat", "-F", chain);
            await HostTool.RunAsync("iptables", "-t", "nat", "-X", chain);
        }
    }

    /// <summary>iptables-nft creates the nat table on first use; drop it again when it holds no rule and no user chain.</summary>
    private static async Task RemoveEmptyNatTableAsync(string saveTool, string family)
    {
        var nat = await HostTool.RunAsync(saveTool, "-t", "nat");
        var lines = nat.Stdout.Split('\n');
        var builtIn = new[] { ":PREROUTING ", ":INPUT ", ":OUTPUT ", ":POSTROUTING " };
        var inUse = lines.Any(l => l.StartsWith("-A ", StringComparison.Ordinal)
            || (l.StartsWith(':') && !builtIn.Any(b => l.StartsWith(b, StringComparison.Ordinal))));
        if (nat.ExitCode == 0 && !inUse)
        {
            await HostTool.RunAsync("nft", "delete", "table", family, "nat");
        }
    }

    /// <summary>A /24 (or smaller) in 10.213.0.0/16 that no route on this host uses yet.</summary>
    private static async Task<string> FreeSubnetAsync(string suffix)
    {
        var routes = await HostTool.OutputOfAsync("ip", "-4", "route", "show");
        for (var attempt = 0; attempt < 250; attempt++)
        {
            var third = Interlocked.Increment(ref nextSubnet) % 250 + 1;
            if (!routes.Contains($"10.213.{third}.", StringComparison.Ordinal))
            {
                return $"10.213.{third}.0{suffix}";
            }
        }
        throw new InvalidOperationException("no free /24 left in 10.213.0.0/16");
    }

    private static string ReadForwarding()
    {
        try
        {
            return File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
