using System.Globalization;
using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Runtime.Tests.Network;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Security;

/// <summary>Issue 8, attack 2, with real containers (runc, bridge networking) running as root.</summary>
[Collection(ContainerCollection.Name)]
public sealed class ContainerNetworkEscapeTests(ContainerHost host)
{
    private const int CapNetRaw = 13;

    /// <summary>One ICMP echo on a datagram socket (no NET_RAW needed where ping_group_range allows it). Prints "REPLY from".</summary>
    private const string PingScript = """
        import socket, struct, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)
        s.settimeout(3)
        s.sendto(struct.pack("!BBHHH", 8, 0, 0, 0, 1) + b"paas", (sys.argv[1], 0))
        data, peer = s.recvfrom(1024)
        print("REPLY", peer[0], data[0])
        """;

    private const string PacketSocketScript = """
        import socket
        try:
            socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3)); print("OPENED")
        except PermissionError as e:
            print("DENIED", e)
        """;

    private const string ConnectScript = """
        import socket, sys
        try:
            socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close(); print("CONNECTED")
        except OSError as e:
            print("FAILED", type(e).__name__, e)
        """;

    [Fact]
    public async Task RootContainer_HasNoNetRaw_PingsItsOwnApp_ReachesNoOtherApp_AndItsPublishedPortAnswersOnAHostAddress()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        await using var scope = new ContainerScope(host.Runtime(bed.Network()));
        var hostPort = Probe.FreeHostPort();
        var server = await scope.RunAsync(RootSpec("a", ["python3", "-c", NetnsResponder.Script, "5000", "hello-a"])
            with { Ports = [new PortBinding("tcp", hostPort, 5000)] });
        var client = await scope.RunAsync(RootSpec("a", ["sleep", "300"]));
        var stranger = await scope.RunAsync(RootSpec("b", ["sleep", "300"]));

        var status = await scope.ExecAsync(client.Id, "cat", "/proc/self/status");
        var capEff = ulong.Parse(status.Split('\n').Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal))[7..].Trim(), NumberStyles.HexNumber);
        Assert.True((capEff & (1UL << CapNetRaw)) == 0, $"CapEff {capEff:x} still has CAP_NET_RAW");
        Assert.StartsWith("DENIED", (await scope.ExecAsync(client.Id, "python3", "-c", PacketSocketScript)).Trim());

        Assert.StartsWith($"REPLY {server.IpAddress} 0", (await scope.ExecAsync(client.Id, "python3", "-c", PingScript, server.IpAddress!)).Trim());
        await WaitListeningAsync(scope, client.Id, server.IpAddress!);
        Assert.StartsWith("FAILED", (await scope.ExecAsync(stranger.Id, "python3", "-c", ConnectScript, server.IpAddress!, "5000")).Trim());
        Assert.Equal("hello-a", await Probe.TcpLineAsync(bed.Gateway, hostPort));
    }

    private static ContainerSpec RootSpec(string appId, string[] command) => ContainerHost.Spec(command) with
    {
        User = "root",
        Network = NetworkMode.Bridge,
        Labels = new Dictionary<string, string>
        {
            [ContainerLabels.App] = "demo-" + appId,
            [ContainerLabels.AppId] = appId,
            [ContainerLabels.ProcessType] = "web",
        },
    };

    /// <summary>The same app's container connects: this also waits until the server listens.</summary>
    private static async Task WaitListeningAsync(ContainerScope scope, string clientId, string address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string answer;
        while ((answer = (await scope.ExecAsync(clientId, "python3", "-c", ConnectScript, address, "5000")).Trim()) != "CONNECTED")
        {
            Assert.True(DateTime.UtcNow < deadline, $"same-app connection to {address}:5000: {answer}");
            await Task.Delay(200);
        }
    }
}
