using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Paas.Proxy.EdgeSockets;

/// <summary>
/// A non-blocking TCP socket whose readiness comes from an edge-triggered <see cref="EpollLoop"/>, and
/// which receives only when it may have something to read: after a read that did not fill the buffer
/// it waits for the next edge instead of trying again. System.Net.Sockets tries every receive before
/// it waits, and a forwarder's receive right after sending a request almost always finds nothing yet:
/// a recvfrom that fails with EAGAIN on every request (nginx reads only when epoll says so).
/// <para>
/// Readiness is counted, not flagged: the loop counts edges, and a receive that drained the socket
/// records the count it saw, so an edge that came during that receive is never lost. One receive and
/// one send at a time (a backend connection carries one request at a time). A waiting receive is
/// completed on the loop's thread, which goes on with the caller's continuation.
/// </para>
/// </summary>
internal sealed class EdgeSocket : IValueTaskSource<int>, IDisposable
{
    private const uint ReadEdges = EpollLibC.EpollIn | EpollLibC.EpollRdHup | EpollLibC.EpollHup | EpollLibC.EpollErr;
    private const uint WriteEdges = EpollLibC.EpollOut | EpollLibC.EpollHup | EpollLibC.EpollErr;
    private const uint HangUps = EpollLibC.EpollRdHup | EpollLibC.EpollHup | EpollLibC.EpollErr;

    private readonly Socket _socket;
    private readonly EpollLoop _loop;
    private readonly WriteReadiness _writable = new();
    private ManualResetValueTaskSourceCore<int> _receive; // continuations run inline, on the completing thread
    private Memory<byte> _receiveBuffer;
    private int _readEdges;
    // The peer's end or an error came: no edge follows them, so from then on every receive tries.
    private volatile bool _hungUp;
    private int _readDrainedAt;
    private int _receiveParked;
    private int _writeEdges;
    private int _sendParked;
    private volatile bool _disposed;

    private EdgeSocket(Socket socket, EpollLoop loop)
    {
        _socket = socket;
        _loop = loop;
        loop.Register(this, (int)socket.SafeHandle.DangerousGetHandle());
    }

    /// <summary>The index of the loop that completes its waits.</summary>
    public int LoopIndex => _loop.Index;

    /// <summary>The peer's end (or an error) was seen: every receive tries from now on.</summary>
    public bool HungUp => _hungUp;

    /// <summary>The loop's slot for it, -1 once unregistered (the loop's to manage).</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Takes over an accepted connection (made non-blocking here).</summary>
    public static EdgeSocket Adopt(Socket accepted)
    {
        accepted.Blocking = false;
        accepted.NoDelay = true;
        return new EdgeSocket(accepted, EpollLoop.Next());
    }

    /// <summary>Connects without blocking; fails after <paramref name="timeout"/>.</summary>
    public static async Task<EdgeSocket> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        var connected = false;
        EdgeSocket edge;
        try
        {
            // Registered only once the connect started: a TCP socket that is not connecting yet polls as
            // hung up (EPOLLHUP), which would mark it so for good.
            try
            {
                socket.Connect(endpoint);
                connected = true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { }
            edge = new EdgeSocket(socket, EpollLoop.Next());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (connected) return edge;
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            // The timeout closes the socket, which fails the wait. Any write edge since the
            // registration (the count starts at 0) means the connect ended, one way or the other.
            await using (expiry.Token.UnsafeRegister(static s => ((EdgeSocket)s!).Dispose(), edge))
                await edge.WaitWritableAsync(0);
            var error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            // System.Net.Sockets gives SO_ERROR as a SocketError already (ConnectionRefused, not 111).
            if (error != 0) throw new SocketException(error);
            return edge;
        }
        catch (Exception e) when (expiry.IsCancellationRequested && e is SocketException or ObjectDisposedException)
        {
            edge.Dispose();
            throw new SocketException((int)SocketError.TimedOut);
        }
        catch
        {
            edge.Dispose();
            throw;
        }
    }

    /// <summary>Reads what is there, or waits for the next edge without a system call; 0 at the end of the stream.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        while (true)
        {
            if (_disposed) return ValueTask.FromException<int>(AbortedError());
            var edges = Volatile.Read(ref _readEdges);
            if (edges != _readDrainedAt || _hungUp)
            {
                var (read, error) = TryReceive(buffer.Span, edges);
                if (error is null) return new ValueTask<int>(read);
                if (error is not WouldBlock) return ValueTask.FromException<int>(error);
                continue;
            }
            _receiveBuffer = buffer;
            _receive.Reset();
            Interlocked.Exchange(ref _receiveParked, 1);
            if (Volatile.Read(ref _readEdges) == edges || Interlocked.Exchange(ref _receiveParked, 0) == 0)
                return new ValueTask<int>(this, _receive.Version);
            // An edge came as it parked, and the loop had not taken the receive yet: try again here.
            _receiveBuffer = default;
        }
    }

    /// <summary>Sends all of <paramref name="bytes"/>, waiting for room only when the socket has none.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        var edges = Volatile.Read(ref _writeEdges);
        var sent = Send(bytes.Span);
        return sent < 0 ? SendSlowAsync(bytes, edges) : sent == bytes.Length ? default : SendSlowAsync(bytes[sent..], edges);
    }

    /// <summary>Ends sending and receiving (FIN), before the close.</summary>
    public void Shutdown()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>Readable now (data, or the peer's end), by poll(2).</summary>
    public bool PollReadable() => _socket.Poll(0, SelectMode.SelectRead);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _loop.Unregister(this);
        _socket.Dispose();
        if (Interlocked.Exchange(ref _receiveParked, 0) == 1)
        {
            _receiveBuffer = default;
            _receive.SetException(AbortedError());
        }
        if (Interlocked.Exchange(ref _sendParked, 0) == 1) _writable.Fail(AbortedError());
    }

    /// <summary>On the loop's thread: an edge. A parked receive is completed here.</summary>
    public void OnReady(uint events)
    {
        if ((events & HangUps) != 0) _hungUp = true;
        if ((events & ReadEdges) != 0)
        {
            Interlocked.Increment(ref _readEdges);
            if (Interlocked.Exchange(ref _receiveParked, 0) == 1) CompleteReceive();
        }
        if ((events & WriteEdges) != 0)
        {
            Interlocked.Increment(ref _writeEdges);
            if (Interlocked.Exchange(ref _sendParked, 0) == 1) _writable.Complete();
        }
    }

    private void CompleteReceive()
    {
        while (true)
        {
            var edges = Volatile.Read(ref _readEdges);
            var (read, error) = _disposed ? (0, AbortedError()) : TryReceive(_receiveBuffer.Span, edges);
            if (error is WouldBlock)
            {
                // A spurious edge: wait for the next one, unless it came already.
                Interlocked.Exchange(ref _receiveParked, 1);
                if (Volatile.Read(ref _readEdges) == edges || Interlocked.Exchange(ref _receiveParked, 0) == 0) return;
                continue;
            }
            _receiveBuffer = default;
            if (error is null) _receive.SetResult(read);
            else _receive.SetException(error);
            return;
        }
    }

    /// <summary>
    /// One recv; a short read marks the edges seen so far as drained. What a short read cannot drain is
    /// the peer's end when it came with the last data (one edge for both): <see cref="_hungUp"/> keeps it.
    /// </summary>
    private (int Read, Exception? Error) TryReceive(Span<byte> buffer, int edges)
    {
        int read;
        SocketError error;
        try { read = _socket.Receive(buffer, SocketFlags.None, out error); }
        catch (ObjectDisposedException) { return (0, AbortedError()); }
        if (error == SocketError.Success)
        {
            if (read > 0 && read < buffer.Length) _readDrainedAt = edges;
            return (read, null);
        }
        if (error != SocketError.WouldBlock) return (0, new SocketException((int)error));
        _readDrainedAt = edges;
        return (0, WouldBlock.Instance);
    }

    /// <summary>Bytes sent, or -1 when none could be (the socket's buffer is full); throws on a failure.</summary>
    private int Send(ReadOnlySpan<byte> bytes)
    {
        var total = 0;
        while (total < bytes.Length)
        {
            var sent = _socket.Send(bytes[total..], SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return total == 0 ? -1 : total;
            if (error != SocketError.Success) throw new SocketException((int)error);
            total += sent;
        }
        return total;
    }

    private async ValueTask SendSlowAsync(ReadOnlyMemory<byte> rest, int edges)
    {
        while (!rest.IsEmpty)
        {
            await WaitWritableAsync(edges);
            if (_disposed) throw AbortedError();
            edges = Volatile.Read(ref _writeEdges);
            var sent = Send(rest.Span);
            if (sent > 0) rest = rest[sent..];
        }
    }

    /// <summary>Waits for a write edge after <paramref name="edges"/> (at once if one came already).</summary>
    private ValueTask WaitWritableAsync(int edges)
    {
        if (_disposed) return ValueTask.FromException(AbortedError());
        var wait = _writable.Arm();
        Interlocked.Exchange(ref _sendParked, 1);
        if (Volatile.Read(ref _writeEdges) != edges && Interlocked.Exchange(ref _sendParked, 0) == 1) return default;
        return wait;
    }

    private static SocketException AbortedError() => new((int)SocketError.OperationAborted);

    int IValueTaskSource<int>.GetResult(short token) => _receive.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _receive.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _receive.OnCompleted(continuation, state, token, flags);

    /// <summary>"Nothing to read now": not an error, never thrown.</summary>
    private sealed class WouldBlock : Exception
    {
        public static readonly WouldBlock Instance = new();
    }

    /// <summary>The one waiting send (or connect) of a socket.</summary>
    private sealed class WriteReadiness : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core;

        public ValueTask Arm()
        {
            _core.Reset();
            return new ValueTask(this, _core.Version);
        }

        public void Complete() => _core.SetResult(true);

        public void Fail(Exception error) => _core.SetException(error);

        public void GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
