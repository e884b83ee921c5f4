using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Runtime.Tests.Network;

/// <summary>Real traffic to loopback and to the test's own containers only.</summary>
internal static class Probe
{
    public static async Task<string?> TcpLineAsync(IPAddress address, int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync(address, port, timeout.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token);
    }

    public static async Task<string> UdpExchangeAsync(IPAddress address, int port, string payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(Encoding.ASCII.GetBytes(payload), new IPEndPoint(address, port), timeout.Token);
        var reply = await client.ReceiveAsync(timeout.Token);
        return Encoding.ASCII.GetString(reply.Buffer);
    }

    /// <summary>A port nothing on the host listens on right now (the kernel's pick for an ephemeral bind).</summary>
    public static int FreeHostPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Two different free ports: the listeners stay open until both are chosen (two calls of
    /// <see cref="FreeHostPort"/> may get the same port back, which made a CI run publish one port twice).</summary>
    public static (int First, int Second) TwoFreeHostPorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }

    /// <summary>One ICMP echo from the host to a test container.</summary>
    public static async Task<HostTool.Output> PingFromHostAsync(IPAddress target) =>
        await HostTool.RunAsync("ping", "-c1", "-W1", target.ToString());

    /// <summary><c>ip netns exec NS ping</c>: one ICMP echo from inside a container.</summary>
    public static async Task<HostTool.Output> PingFromAsync(string netnsName, IPAddress target) =>
        await HostTool.RunAsync("ip", "netns", "exec", netnsName, HostTool.Resolve("ping"), "-c1", "-W1", target.ToString());
}
