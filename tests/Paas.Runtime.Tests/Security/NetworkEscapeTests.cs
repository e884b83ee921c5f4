using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;
using Paas.Runtime.Tests.Network;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Issue 8, attack 2: from a container's netns (as host root there: the worst case) try to reach
/// the host's loopback, the host's own addresses and another app's containers.
/// </summary>
public sealed class NetworkEscapeTests
{
    private const string AppA = "app-id:a";
    private const string AppB = "app-id:b";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task RawSyn_ToTheHostsLoopback_ThroughTheGatewayMac_GetsNoAnswer()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (attacker, peer) = (bed.NewContainerId(), bed.NewContainerId());
        // A published port is what made portmap turn on route_localnet before.
        var self = await network.AttachAsync(attacker, "a-1", AppA, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], Ct);
        var other = await network.AttachAsync(peer, "a-2", AppA, [], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(peer), 5000, peer);
        using var hostService = new TcpListener(IPAddress.Loopback, 0);
        hostService.Start();
        var servicePort = ((IPEndPoint)hostService.LocalEndpoint).Port;
        var gatewayMac = (await File.ReadAllTextAsync($"/sys/class/net/{bed.Settings.BridgeName}/address")).Trim();
        var netns = NetworkTestBed.NetnsName(attacker);
        // The host must know the attacker's MAC to answer (its ARP request for a reply from
        // 127.0.0.1 goes unanswered); any earlier exchange does that, here a ping from the host.
        var ping = await Probe.PingFromHostAsync(self.Address);
        Assert.True(ping.ExitCode == 0, $"ping {self.Address} from the host: {ping.Stdout}{ping.Stderr}");

        // The sender works: a raw SYN to a container of the same app, routed the same way, is answered.
        var control = await NetnsAttack.RawSynAsync(netns, gatewayMac, self.Address.ToString(), other.Address.ToString(), 5000);
        var attack = await NetnsAttack.RawSynAsync(netns, gatewayMac, self.Address.ToString(), "127.0.0.1", servicePort);

        Assert.Equal("ANSWER flags=0x12", control);
        Assert.Equal("NOANSWER", attack);
        Assert.Equal("0", (await File.ReadAllTextAsync($"/proc/sys/net/ipv4/conf/{bed.Settings.BridgeName}/route_localnet")).Trim());
    }

    [Fact]
    public async Task Tcp_ToTheHostsBridgeAddress_AndToAnotherHostAddress_Fails()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        await using var otherBed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        var attachment = await bed.Network().AttachAsync(id, "a-1", AppA, [], Ct);
        // Another address of the host: the gateway of a second bridge (made by its first attach).
        var elsewhere = await otherBed.Network().AttachAsync(otherBed.NewContainerId(), "b-1", AppB, [], Ct);
        using var hostService = new TcpListener(IPAddress.Any, 0);
        hostService.Start();
        var port = ((IPEndPoint)hostService.LocalEndpoint).Port;
        var netns = NetworkTestBed.NetnsName(id);

        var toGateway = await NetnsAttack.ConnectAsync(netns, attachment.Gateway.ToString(), port);
        var toOtherAddress = await NetnsAttack.ConnectAsync(netns, elsewhere.Gateway.ToString(), port);

        Assert.StartsWith("FAILED", toGateway);
        Assert.StartsWith("FAILED", toOtherAddress);
        // The listener is there: the host itself gets through on both addresses.
        using (var client = new TcpClient()) await client.ConnectAsync(attachment.Gateway, port);
        using (var client = new TcpClient()) await client.ConnectAsync(elsewhere.Gateway, port);
    }

    [Fact]
    public async Task Tcp_ToAnotherAppsContainer_Fails_WhileTheSameAppsContainerAnswers()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (a1, a2, b1) = (bed.NewContainerId(), bed.NewContainerId(), bed.NewContainerId());
        await network.AttachAsync(a1, "a-1", AppA, [], Ct);
        var a2Net = await network.AttachAsync(a2, "a-2", AppA, [], Ct);
        var b1Net = await network.AttachAsync(b1, "b-1", AppB, [], Ct);
        await using var a2Responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(a2), 5000, a2);
        await using var b1Responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(b1), 5000, b1);

        Assert.Equal("CONNECTED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), a2Net.Address.ToString(), 5000));
        Assert.StartsWith("FAILED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), b1Net.Address.ToString(), 5000));
        Assert.StartsWith("FAILED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(b1), a2Net.Address.ToString(), 5000));

        // Routed through the gateway instead of bridged (a container with NET_ADMIN could set such a route).
        foreach (var target in new[] { a2Net.Address, b1Net.Address })
        {
            await HostTool.OutputOfAsync("ip", "-n", NetworkTestBed.NetnsName(a1), "route", "add", $"{target}/32", "via", a2Net.Gateway.ToString());
        }
        Assert.Equal("CONNECTED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), a2Net.Address.ToString(), 5000));
        Assert.StartsWith("FAILED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), b1Net.Address.ToString(), 5000));
    }

    [Fact]
    public async Task APublishedPort_IsReachableFromContainersOfAnyApp_AndFromItself_ThroughTheHostAddress()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (a1, b1) = (bed.NewContainerId(), bed.NewContainerId());
        var hostPort = Probe.FreeHostPort();
        await network.AttachAsync(a1, "a-1", AppA, [], Ct);
        var b1Net = await network.AttachAsync(b1, "b-1", AppB, [new PortBinding("tcp", hostPort, 5000)], Ct);
        await using var b1Responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(b1), 5000, b1);

        // Hairpin DNAT with the masquerade in the bridge's table (portmap's snat is off).
        Assert.Equal("CONNECTED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), b1Net.Gateway.ToString(), hostPort));
        Assert.Equal("CONNECTED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(b1), b1Net.Gateway.ToString(), hostPort));
        Assert.StartsWith("FAILED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), b1Net.Address.ToString(), 5000));
    }

    [Fact]
    public async Task AfterARestart_TheRulesAreRebuiltFromTheRecords_WithEachContainersApp()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var (a1, a2, b1) = (bed.NewContainerId(), bed.NewContainerId(), bed.NewContainerId());
        await bed.Network().AttachAsync(a1, "a-1", AppA, [], Ct);
        var a2Net = await bed.Network().AttachAsync(a2, "a-2", AppA, [], Ct);
        var b1Net = await bed.Network().AttachAsync(b1, "b-1", AppB, [], Ct);
        await using var a2Responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(a2), 5000, a2);
        await using var b1Responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(b1), 5000, b1);
        // The rules are lost (a reboot flushes them too); a new paasd starts and recovers.
        await HostTool.OutputOfAsync("nft", "delete", "table", "inet", bed.FirewallTable);

        await bed.Network().RemoveStaleAsync(new HashSet<string> { a1, a2, b1 }, Ct);

        var table = await HostTool.OutputOfAsync("nft", "list", "table", "inet", bed.FirewallTable);
        Assert.Contains(b1Net.Address.ToString(), table);
        Assert.Equal("CONNECTED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), a2Net.Address.ToString(), 5000));
        Assert.StartsWith("FAILED", await NetnsAttack.ConnectAsync(NetworkTestBed.NetnsName(a1), b1Net.Address.ToString(), 5000));

        await bed.Network().DetachAsync(b1, Ct);
        Assert.DoesNotContain(b1Net.Address.ToString(), await HostTool.OutputOfAsync("nft", "list", "table", "inet", bed.FirewallTable));
    }

    [Fact]
    public async Task TheContainerNetns_HasNoIPv6OnEth0_LetsEveryGroupPing_AndEveryUserBindLowPorts()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        await bed.Network().AttachAsync(id, "a-1", AppA, [], Ct);
        var netns = NetworkTestBed.NetnsName(id);

        var v6 = await HostTool.OutputOfAsync("ip", "-n", netns, "-6", "-o", "addr", "show", "dev", "eth0");
        var sysctls = await HostTool.OutputOfAsync("ip", "netns", "exec", netns, "sysctl", "-n",
            "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv6.conf.eth0.disable_ipv6");

        Assert.Equal("", v6.Trim());
        Assert.Equal(["0\t2147483647", "0", "1"], sysctls.Trim().Split('\n'));
    }

    [Fact]
    public async Task TheBridgesTable_IsCreatedOnFirstAttach_AndRemovedWithTheBridge()
    {
        string table;
        await using (var bed = await NetworkTestBed.CreateAsync())
        {
            table = bed.FirewallTable;
            Assert.NotEqual(0, (await HostTool.RunAsync("nft", "list", "table", "inet", table)).ExitCode);
            var attachment = await bed.Network().AttachAsync(bed.NewContainerId(), "a-1", AppA, [], Ct);

            var rules = await HostTool.OutputOfAsync("nft", "list", "table", "inet", table);
            Assert.Contains(attachment.Address.ToString(), rules);
            Assert.Contains("ip daddr 127.0.0.0/8", rules);
            Assert.Equal("1", (await File.ReadAllTextAsync($"/sys/class/net/{bed.Settings.BridgeName}/bridge/nf_call_iptables")).Trim());
        }

        var after = await HostTool.RunAsync("nft", "list", "table", "inet", table);
        Assert.NotEqual(0, after.ExitCode);
        Assert.DoesNotContain(table, await HostTool.OutputOfAsync("nft", "list", "tables"));
    }
}
