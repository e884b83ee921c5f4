using System.Net.Sockets;
using Paas.Proxy.EdgeSockets;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// One keep-alive HTTP/1.1 connection to a backend: the socket and a receive buffer that lives as
/// long as the connection. What the backend sent and was not consumed yet stays buffered
/// (<see cref="Buffered"/>). While it carries a request the <see cref="Watchdog"/> ends it when
/// the backend stays silent longer than <see cref="ActivityTimeout"/> (YARP's default).
/// </summary>
internal sealed class BackendLink(EdgeSocket socket, BackendLinkPool pool) : IWatched, IDisposable
{
    public static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(100);
    private const long ActivityTimeoutMs = 100_000;

    // The most a response head (or a chunk-size line) may take: beyond it the answer is a 502.
    public const int MaxHeadSize = 64 * 1024;

    private byte[] _buffer = new byte[8 * 1024];
    private int _start;
    private int _end;
    private long _deadline;
    private volatile bool _disposed;

    public BackendLinkPool Pool { get; } = pool;

    /// <summary>The epoll loop its socket's waits complete on.</summary>
    public int LoopIndex => socket.LoopIndex;

    /// <summary>When the connection went back to the pool (Environment.TickCount64).</summary>
    public long IdleSince { get; set; }

    /// <summary>It served a request before: a failure before any answer may be a keep-alive the backend closed.</summary>
    public bool Reused { get; set; }

    /// <summary>The watchdog ended it: the backend was silent too long (504).</summary>
    public bool TimedOut { get; private set; }

    public bool IsDisposed => _disposed;

    public long Deadline => Volatile.Read(ref _deadline);

    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> BufferedMemory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Starts (or, with false, stops) the activity deadline of a request.</summary>
    public void Watch(bool busy) => Volatile.Write(ref _deadline, busy ? Environment.TickCount64 + ActivityTimeoutMs : 0);

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Reads more after what is buffered, at most <paramref name="max"/> bytes; 0 at the end of the stream.</summary>
    public async ValueTask<int> FillAsync(int limit = MaxHeadSize, long max = long.MaxValue)
    {
        var read = await ReceiveAsync(limit, max);
        Received(read);
        return read;
    }

    /// <summary>
    /// <see cref="FillAsync"/> in two halves, for the one read every request makes (its answer's
    /// head): the socket's own ValueTask, which allocates nothing, where an async method's state
    /// would be allocated per request (64 requests in flight are more than its pool keeps). The
    /// caller passes what it read to <see cref="Received"/>.
    /// </summary>
    public ValueTask<int> ReceiveAsync(int limit = MaxHeadSize, long max = long.MaxValue)
    {
        if (_start > 0 && _end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= limit) throw new BackendProtocolError($"the backend sent more than {limit / 1024} KiB of response head or chunk framing without its end");
            Array.Resize(ref _buffer, Math.Min(limit, _buffer.Length * 2));
        }
        var room = _buffer.AsMemory(_end);
        // No further than the body's end: what follows belongs to no request.
        if (room.Length > max) room = room[..(int)max];
        Volatile.Write(ref _deadline, Environment.TickCount64 + ActivityTimeoutMs);
        return socket.ReceiveAsync(room);
    }

    /// <summary>Takes <paramref name="count"/> bytes that <see cref="ReceiveAsync"/> read into the buffer.</summary>
    public void Received(int count) => _end += count;

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes) => socket.SendAsync(bytes);

    /// <summary>
    /// An idle keep-alive connection is readable only when the backend closed it (or sent bytes
    /// no request asked for): either way it must not carry a request.
    /// </summary>
    public bool IsUnusable()
    {
        try
        {
            return _disposed || _end != _start || socket.PollReadable();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public void Expire()
    {
        TimedOut = true;
        Dispose();
    }

    /// <summary>Ends the connection at once (also from the watchdog's thread).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        socket.Dispose();
        Pool.Forget(this);
    }
}

/// <summary>The backend broke HTTP/1.1: the answer is refused (502) and the connection closed.</summary>
internal sealed class BackendProtocolError(string message) : Exception(message);

/// <summary>The backend closed the connection before sending a byte of its answer.</summary>
internal sealed class BackendClosedEarly() : Exception("the backend closed the connection without answering");
