using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Paas.Proxy.Udp;

/// <summary>
/// One client address's conversation through a udp listener port: a socket of its own towards the
/// container (so the container's replies can be told apart per client), whose replies go back to
/// the client from the listener's socket, the address the client sent to. Datagrams arriving on
/// the session's socket from anyone but its container are dropped.
/// <para>
/// The socket is not connected: re-pointing to another container (after a snapshot swap) only
/// changes where the next datagram goes, and the session keeps its source port.
/// </para>
/// </summary>
internal sealed class UdpSession : IDisposable
{
    /// <summary>The largest UDP payload there is (IPv4: 65,535 less the headers).</summary>
    public const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly long _started = Stopwatch.GetTimestamp();
    private UdpRoute _route;
    private UdpBackend _backend;
    private long _lastActivity = Stopwatch.GetTimestamp();
    private long _bytesIn;
    private long _bytesOut;
    private IPAddress? _replyFrom;

    public UdpSession(IPEndPoint client, UdpRoute route, UdpBackend backend)
    {
        Client = client;
        _route = route;
        _backend = backend;
        _socket = new Socket(backend.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // An ephemeral port of its own, before the first receive (which needs a bound socket).
        _socket.Bind(new IPEndPoint(backend.EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
    }

    public IPEndPoint Client { get; }

    /// <summary>The route (of one snapshot) the session was last pointed with.</summary>
    public UdpRoute Route => Volatile.Read(ref _route);

    public UdpBackend Backend => Volatile.Read(ref _backend);

    public long BytesIn => Interlocked.Read(ref _bytesIn);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>When the last datagram passed, either way (a Stopwatch timestamp): the quietest session goes first at the cap.</summary>
    public long LastActivity => Interlocked.Read(ref _lastActivity);

    public TimeSpan Quiet => Stopwatch.GetElapsedTime(LastActivity);

    public TimeSpan Age => Stopwatch.GetElapsedTime(_started);

    /// <summary>
    /// The local address the client's last datagram was sent to, when the listener is bound to every address
    /// (null otherwise): replies leave from it, as the client expects.
    /// </summary>
    public IPAddress? ReplyFrom
    {
        get => Volatile.Read(ref _replyFrom);
        set => Volatile.Write(ref _replyFrom, value);
    }

    /// <summary>The container's replies, relayed until the session is disposed.</summary>
    public Task Replies { get; private set; } = Task.CompletedTask;

    public void Start(Socket listener) => Replies = RelayRepliesAsync(listener);

    /// <summary>
    /// Points the session at <paramref name="route"/>, a newer snapshot's: it keeps its container
    /// when that is still among the route's backends, else takes the next one. False when the app
    /// has no backend left.
    /// </summary>
    public bool RepointTo(UdpRoute route)
    {
        var current = Backend;
        var next = route.Backends.FirstOrDefault(b => b.Instance == current.Instance && b.EndPoint.Equals(current.EndPoint)) ?? route.Next();
        if (next is null) return false;
        Volatile.Write(ref _backend, next);
        Volatile.Write(ref _route, route);
        return true;
    }

    /// <summary>Sends one client datagram to the container.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken ct)
    {
        await _socket.SendToAsync(datagram, SocketFlags.None, Backend.EndPoint, ct);
        Carried(ref _bytesIn, datagram.Length);
    }

    public void Dispose() => _socket.Dispose();

    private async Task RelayRepliesAsync(Socket listener)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveFromAsync(buffer.AsMemory(0, MaxDatagram), SocketFlags.None, any);
                if (!received.RemoteEndPoint.Equals(Backend.EndPoint)) continue;
                try
                {
                    if (ReplyFrom is { } from)
                    {
                        if (!SourceAddressedSend.TrySend(listener, buffer, received.ReceivedBytes, Client, from)) continue;
                    }
                    else
                    {
                        await listener.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, Client);
                    }
                    Carried(ref _bytesOut, received.ReceivedBytes);
                }
                catch (SocketException)
                {
                    // The client cannot be reached just now (no route, a full buffer): UDP may drop a datagram.
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // Disposed: the session ended (idle, evicted, stopped).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Carried(ref long counter, int bytes)
    {
        Interlocked.Add(ref counter, bytes);
        Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
    }
}
