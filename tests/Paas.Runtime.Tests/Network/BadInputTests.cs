using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;
using Paas.Runtime.Network;

namespace Paas.Runtime.Tests.Network;

public sealed class BadInputTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static TheoryData<string, int, int, string, string> BadPorts => new()
    {
        { "tcp", 0, 5000, "", "host port 0 is outside 1-65535" },
        { "tcp", 70000, 5000, "", "host port 70000 is outside 1-65535" },
        { "udp", 8080, -1, "", "container port -1 is outside 1-65535" },
        { "sctp", 8080, 5000, "", "protocol must be tcp or udp" },
        { "tcp", 8080, 5000, "::1", "host IP '::1' is not an IPv4 address" },
        { "tcp", 8080, 5000, "127.0.0.1", "host IP '127.0.0.1' is a loopback address, and published ports are not served on 127.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(BadPorts))]
    public async Task Attach_WithInvalidPort_FailsClearly_LeavingNothing(string protocol, int hostPort, int containerPort, string hostIp, string expected)
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();

        var error = await Assert.ThrowsAsync<InvalidPortBindingException>(() =>
            bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding(protocol, hostPort, containerPort, hostIp)], Ct));

        Assert.Contains(expected, error.Message);
        await NetworkAssert.NothingLeftAsync(bed, id);
    }

    [Fact]
    public async Task Attach_WithTheSameHostPortTwice_FailsClearly_LeavingNothing()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        var port = Probe.FreeHostPort();

        var error = await Assert.ThrowsAsync<InvalidPortBindingException>(() => bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App,
            [new PortBinding("tcp", port, 5000), new PortBinding("tcp", port, 5001, "192.0.2.1")], Ct));

        Assert.Contains($"host port tcp/{port} is given twice", error.Message);
        await NetworkAssert.NothingLeftAsync(bed, id);
    }

    [Fact]
    public async Task Attach_WithAHostPortAnotherContainerPublishes_FailsClearly_LeavingNothing()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (owner, late) = (bed.NewContainerId(), bed.NewContainerId());
        var port = Probe.FreeHostPort();
        await network.AttachAsync(owner, "web-1", NetworkTestBed.App, [new PortBinding("tcp", port, 5000)], Ct);

        var error = await Assert.ThrowsAsync<InvalidPortBindingException>(() =>
            network.AttachAsync(late, "web-2", NetworkTestBed.App, [new PortBinding("tcp", port, 5000)], Ct));

        Assert.Contains($"host port tcp/{port} is already published by container {owner}", error.Message);
        await NetworkAssert.NothingLeftAsync(bed, late);
        Assert.NotNull(await network.FindAsync(owner, Ct));
    }

    [Theory]
    [InlineData("tcp", "")]
    [InlineData("udp", "")]
    public async Task Attach_WithAHostPortAHostProcessListensOn_FailsClearly_LeavingNothing(string protocol, string hostIp)
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        using var holder = new Socket(AddressFamily.InterNetwork,
            protocol == "udp" ? SocketType.Dgram : SocketType.Stream,
            protocol == "udp" ? ProtocolType.Udp : ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (protocol == "tcp")
        {
            holder.Listen();
        }
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var error = await Assert.ThrowsAsync<InvalidPortBindingException>(() =>
            bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding(protocol, port, 5000, hostIp)], Ct));

        Assert.Contains($"host port {protocol}/{port} is in use by a process on this host", error.Message);
        await NetworkAssert.NothingLeftAsync(bed, id);
    }

    [Theory]
    [InlineData("10.213.0.0/33", "not a network in CIDR form")]
    [InlineData("10.213.0.1/24", "not a network in CIDR form")]
    [InlineData("banana", "not a network in CIDR form")]
    [InlineData("fd00:213::/64", "must be IPv4")]
    [InlineData("10.213.0.0/31", "prefix between /8 and /30")]
    public void Settings_WithInvalidSubnet_AreRejectedBeforeTouchingTheHost(string subnet, string expected)
    {
        var root = Directory.CreateTempSubdirectory("paas-net-test-").FullName;
        try
        {
            var error = Assert.Throws<InvalidNetworkSettingsException>(() =>
                new CniContainerNetwork(new NetworkSettings("ptbad0", subnet), Path.Combine(root, "cni")));

            Assert.Contains(expected, error.Message);
            Assert.False(Directory.Exists(Path.Combine(root, "cni")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("a-bridge-name-too-long")]
    [InlineData("br/0")]
    [InlineData("")]
    public void Settings_WithInvalidBridgeName_AreRejected(string bridge)
    {
        var error = Assert.Throws<InvalidNetworkSettingsException>(() =>
            new CniContainerNetwork(new NetworkSettings(bridge), "/nonexistent/cni"));

        Assert.Contains("bridge name", error.Message);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("../escape")]
    [InlineData("")]
    public async Task Attach_WithInvalidContainerId_IsRejected(string containerId)
    {
        await using var bed = await NetworkTestBed.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => bed.Network().AttachAsync(containerId, "x", NetworkTestBed.App, [], Ct));

        Assert.False(Directory.Exists(Path.Combine(bed.CniDirectory, "results")));
    }

    [Fact]
    public async Task PluginFailure_NamesThePluginAndItsMessage_LeavingNothing()
    {
        // A /30 holds the gateway and one container: the second attach exhausts host-local.
        await using var bed = await NetworkTestBed.CreateAsync("/30");
        var network = bed.Network();
        var (first, second) = (bed.NewContainerId(), bed.NewContainerId());
        await network.AttachAsync(first, "web-1", NetworkTestBed.App, [], Ct);

        var error = await Assert.ThrowsAsync<CniPluginException>(() => network.AttachAsync(second, "web-2", NetworkTestBed.App, [], Ct));

        Assert.Equal("bridge", error.Plugin);
        Assert.Equal("ADD", error.Command);
        Assert.NotNull(error.Code);
        Assert.Contains("no IP addresses available", error.PluginMessage);
        Assert.Contains("no IP addresses available", error.Message);
        await NetworkAssert.NothingLeftAsync(bed, second);
        Assert.Single(await NetworkAssert.BridgePortsAsync(bed));
        Assert.NotNull(await network.FindAsync(first, Ct));
    }

    [Fact]
    public async Task MissingPluginDirectory_FailsNamingThePlugin_LeavingNothing()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();

        var error = await Assert.ThrowsAsync<CniPluginException>(() =>
            bed.Network(pluginDirectory: Path.Combine(bed.Root, "no-plugins")).AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct));

        Assert.Equal("loopback", error.Plugin);
        Assert.Contains("not found", error.Message);
        await NetworkAssert.NothingLeftAsync(bed, id);
    }
}
