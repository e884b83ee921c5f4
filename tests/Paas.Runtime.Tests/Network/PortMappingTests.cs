using System.Net;
using Paas.Core.Networking;

namespace Paas.Runtime.Tests.Network;

public sealed class PortMappingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    // Published ports are probed on the bridge's own address: a host address that is not loopback
    // (the host's others may lead off the machine). 127.0.0.0/8 is not served (route_localnet stays off).
    [Fact]
    public async Task PublishedTcpPort_Answers_OnAHostAddress_OnlyOnItsHostIp_AndOnContainerAddress()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var (hostPort, gatewayOnlyPort) = Probe.TwoFreeHostPorts();
        var attachment = await network.AttachAsync(id, "web-1", NetworkTestBed.App,
            [new PortBinding("tcp", hostPort, 5000), new PortBinding("tcp", gatewayOnlyPort, 5000, bed.Gateway.ToString())], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(id), 5000, id);

        Assert.Equal(bed.Gateway, attachment.Gateway);
        Assert.Equal(id, await Probe.TcpLineAsync(attachment.Address, 5000));
        Assert.Equal(id, await Probe.TcpLineAsync(attachment.Gateway, hostPort));
        Assert.Equal(id, await Probe.TcpLineAsync(attachment.Gateway, gatewayOnlyPort));
        Assert.Contains(id, await HostTool.OutputOfAsync("iptables-save", "-t", "nat"));
    }

    [Fact]
    public async Task PublishedTcpPort_IsNotServedOnLoopback_TheConnectionIsRefused()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        var hostPort = Probe.FreeHostPort();
        await bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding("tcp", hostPort, 5000)], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(id), 5000, id);

        // Refused at once, not a hang: the DNAT skips 127.0.0.0/8 and nothing listens there.
        var error = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => Probe.TcpLineAsync(IPAddress.Loopback, hostPort));

        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task PublishedUdpPort_ForwardsDatagrams_FromAHostAddress()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var hostPort = Probe.FreeHostPort();
        var attachment = await network.AttachAsync(id, "dns-1", NetworkTestBed.App, [new PortBinding("UDP", hostPort, 5353)], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(id), 5353, id);

        Assert.Equal($"{id}:hello", await Probe.UdpExchangeAsync(attachment.Gateway, hostPort, "hello"));
    }

    [Fact]
    public async Task TwoContainers_PublishDifferentHostPorts_EachReachingItsOwnContainer()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (a, b) = (bed.NewContainerId(), bed.NewContainerId());
        var (portA, portB) = Probe.TwoFreeHostPorts();
        await network.AttachAsync(a, "a", NetworkTestBed.App, [new PortBinding("tcp", portA, 5000)], Ct);
        await network.AttachAsync(b, "b", NetworkTestBed.App, [new PortBinding("tcp", portB, 5000)], Ct);
        await using var responderA = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(a), 5000, a);
        await using var responderB = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(b), 5000, b);

        Assert.Equal(a, await Probe.TcpLineAsync(bed.Gateway, portA));
        Assert.Equal(b, await Probe.TcpLineAsync(bed.Gateway, portB));
    }
}
