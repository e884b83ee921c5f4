using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Proxy.Tests.Support;

/// <summary>
/// A real UDP server standing in for an app's container on a loopback address: each datagram is
/// answered with "NAME from=PORT PAYLOAD", PORT being the source port it came from, so a test sees
/// which of the router's sessions (one socket each) carried it.
/// </summary>
public sealed class UdpEchoBackend : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Task _serving;

    private UdpEchoBackend(string name, Socket socket)
    {
        Name = name;
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _serving = ServeAsync();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>The source ports datagrams came from, in order.</summary>
    public ConcurrentQueue<int> Sources { get; } = new();

    public static UdpEchoBackend Start(string name, string address = "127.0.0.1", int port = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
        return new UdpEchoBackend(name, socket);
    }

    /// <summary>A loopback UDP port nobody has bound right now (the kernel's pick).</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _serving;
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[65_535];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
                var from = (IPEndPoint)received.RemoteEndPoint;
                Sources.Enqueue(from.Port);
                var answer = Encoding.ASCII.GetBytes($"{Name} from={from.Port} {Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes)}");
                await _socket.SendToAsync(answer, SocketFlags.None, from);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                if (e is ObjectDisposedException || !_socket.IsBound) return;
                if (e is SocketException { SocketErrorCode: SocketError.OperationAborted }) return;
            }
        }
    }
}

/// <summary>A client of a udp listener port on loopback: its own socket, so its own session in the router.</summary>
public sealed class UdpTestClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public UdpTestClient(int port) => _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>Sends <paramref name="text"/> and returns the answer, or null when none came within <paramref name="timeout"/> (2 s unless given).</summary>
    public async Task<string?> AskAsync(string text, TimeSpan? timeout = null)
    {
        await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
        var buffer = new byte[65_535];
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
        try
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A router whose udp sessions end after 2 quiet seconds and whose udp ports hold 2 sessions each.</summary>
public sealed class UdpRouterProcess : RouterProcess
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    public const int MaxSessions = 2;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PAAS_ROUTER_UDP_IDLE_TIMEOUT"] = "2",
        ["PAAS_ROUTER_UDP_MAX_SESSIONS"] = "2",
    };
}
