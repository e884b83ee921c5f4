using System.Net;
using Paas.Core.Networking;

namespace Paas.Runtime.Tests.Network;

public sealed class PortMappingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task PublishedTcpPort_Answers_OnLoopbackHostPort_AndOnContainerAddress()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var (hostPort, loopbackOnlyPort) = (Probe.FreeHostPort(), Probe.FreeHostPort());
        var attachment = await network.AttachAsync(id, "web-1",
            [new PortBinding("tcp", hostPort, 5000), new PortBinding("tcp", loopbackOnlyPort, 5000, "127.0.0.1")], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(id), 5000, id);

        Assert.Equal(id, await Probe.TcpLineAsync(attachment.Address, 5000));
        Assert.Equal(id, await Probe.TcpLineAsync(IPAddress.Loopback, hostPort));
        Assert.Equal(id, await Probe.TcpLineAsync(IPAddress.Loopback, loopbackOnlyPort));
        Assert.Contains(id, await HostTool.OutputOfAsync("iptables-save", "-t", "nat"));
    }

    [Fact]
    public async Task PublishedUdpPort_ForwardsDatagrams_FromLoopbackHostPort()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var hostPort = Probe.FreeHostPort();
        await network.AttachAsync(id, "dns-1", [new PortBinding("UDP", hostPort, 5353)], Ct);
        await using var responder = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(id), 5353, id);

        Assert.Equal($"{id}:hello", await Probe.UdpExchangeAsync(IPAddress.Loopback, hostPort, "hello"));
    }

    [Fact]
    public async Task TwoContainers_PublishDifferentHostPorts_EachReachingItsOwnContainer()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (a, b) = (bed.NewContainerId(), bed.NewContainerId());
        var (portA, portB) = (Probe.FreeHostPort(), Probe.FreeHostPort());
        await network.AttachAsync(a, "a", [new PortBinding("tcp", portA, 5000)], Ct);
        await network.AttachAsync(b, "b", [new PortBinding("tcp", portB, 5000)], Ct);
        await using var responderA = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(a), 5000, a);
        await using var responderB = await NetnsResponder.StartAsync(NetworkTestBed.NetnsName(b), 5000, b);

        Assert.Equal(a, await Probe.TcpLineAsync(IPAddress.Loopback, portA));
        Assert.Equal(b, await Probe.TcpLineAsync(IPAddress.Loopback, portB));
    }
}
