using System.Net;
using System.Net.Sockets;
using System.Text;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>A router bound to every IPv4 address (PAAS_ROUTER_ADDRESS=0.0.0.0).</summary>
public sealed class WildcardUdpRouterProcess : RouterProcess
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["PAAS_ROUTER_ADDRESS"] = "0.0.0.0" };
}

/// <summary>A router bound to every address, IPv6 and IPv4 on one dual-mode socket (PAAS_ROUTER_ADDRESS=::).</summary>
public sealed class DualStackUdpRouterProcess : RouterProcess
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["PAAS_ROUTER_ADDRESS"] = "::" };
}

/// <summary>
/// A udp port bound to every address answers each client from the address the client sent to: a client
/// that connect()ed its socket to 127.0.0.2 (the host's second address here; all of 127.0.0.0/8 is on lo)
/// accepts only replies from 127.0.0.2, while the kernel would pick 127.0.0.1 as the source of a plain send.
/// </summary>
public sealed class UdpSourceAddressTests(WildcardUdpRouterProcess router) : IClassFixture<WildcardUdpRouterProcess>
{
    [Fact]
    public Task ConnectedClients_OfEitherAddress_GetTheirReplies() => UdpReplies.AssertEachAddressAnswersAsync(router, appId: 41);
}

public sealed class DualStackUdpSourceAddressTests(DualStackUdpRouterProcess router) : IClassFixture<DualStackUdpRouterProcess>
{
    [Fact]
    public Task ConnectedClients_OfEitherAddress_GetTheirReplies() => UdpReplies.AssertEachAddressAnswersAsync(router, appId: 42);
}


internal static class UdpReplies
{
    public static async Task AssertEachAddressAnswersAsync(RouterProcess router, long appId)
    {
        await using var backend = UdpEchoBackend.Start("echo");
        var port = UdpEchoBackend.FreePort();
        await router.PublishAsync([Routes.App(appId, "twoaddr", port, backend.Port, ["127.0.0.1"], scheme: "udp")]);

        var second = await AskConnectedAsync(IPAddress.Parse("127.0.0.2"), port, "to-second");
        var first = await AskConnectedAsync(IPAddress.Loopback, port, "to-first");
        var secondAgain = await AskConnectedAsync(IPAddress.Parse("127.0.0.2"), port, "again");

        Assert.EndsWith(" to-second", second);
        Assert.EndsWith(" to-first", first);
        Assert.EndsWith(" again", secondAgain);
    }

    /// <summary>The answer to <paramref name="text"/> on a socket connected to <paramref name="address"/>, which the kernel gives only datagrams from that address; null if none came.</summary>
    private static async Task<string?> AskConnectedAsync(IPAddress address, int port, string text)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(address, port));
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
        var buffer = new byte[65_535];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
