using System.Net.Sockets;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// One keep-alive HTTP/1.1 connection to a backend: the socket and a receive buffer of its own
/// that lives as long as the connection, so a request allocates no buffer. What the backend sent
/// and the forwarder has not consumed yet stays in the buffer (<see cref="Buffered"/>).
/// </summary>
internal sealed class BackendConnection : IDisposable
{
    private const int InitialBufferSize = 8 * 1024;

    // The most a response head may take: beyond it the backend is answered 502, as nginx does
    // with proxy_buffer_size exceeded (its default is far smaller).
    public const int MaxResponseHeadSize = 64 * 1024;

    private readonly Socket _socket;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private readonly CancellationTokenSource _timeout = new();
    private volatile bool _disposed;

    public BackendConnection(Socket socket) => _socket = socket;

    /// <summary>When the connection last finished a request (Environment.TickCount64).</summary>
    public long IdleSince { get; set; }

    /// <summary>True once the connection has served a request: a failure before any answer may then be a stale keep-alive.</summary>
    public bool Reused { get; set; }

    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> BufferedMemory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>The bytes and scratch space the request head is written into before it is sent (reused).</summary>
    public HeadBuffer Head { get; } = new();

    /// <summary>The response head being read (reused).</summary>
    public ResponseHead Response { get; } = new();

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>
    /// Reads more from the backend after what is buffered, at most <paramref name="max"/> bytes;
    /// returns the count read, 0 at the end of the stream. Grows the buffer up to
    /// <paramref name="limit"/> when it is full of unconsumed bytes.
    /// </summary>
    public async ValueTask<int> FillAsync(TimeSpan activityTimeout, int limit = MaxResponseHeadSize, long max = long.MaxValue)
    {
        if (_start > 0 && _end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= limit) throw new BackendProtocolException($"the backend sent more than {limit / 1024} KiB of response head or chunk framing without its end");
            Array.Resize(ref _buffer, Math.Min(limit, _buffer.Length * 2));
        }
        _timeout.CancelAfter(activityTimeout);
        // No further than the body's end: what follows belongs to no request.
        var room = _buffer.AsMemory(_end);
        if (room.Length > max) room = room[..(int)max];
        var read = await _socket.ReceiveAsync(room, SocketFlags.None, _timeout.Token);
        _end += read;
        return read;
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> bytes) => _socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>Ends the request's activity timer; false when it fired or the connection was ended (not reusable).</summary>
    public bool StopTimer() => !_disposed && _timeout.TryReset();

    /// <summary>
    /// An idle keep-alive connection is readable only when the backend closed it (or sent bytes no
    /// request asked for): either way it must not carry a request.
    /// </summary>
    public bool IsUnusable()
    {
        try
        {
            return _disposed || _end != _start || _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Ends the connection at once (also from another thread, when the client went away).</summary>
    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
        _timeout.Dispose();
    }
}

/// <summary>The backend broke HTTP/1.1: the response is refused (502) and the connection closed.</summary>
internal sealed class BackendProtocolException(string message) : Exception(message);
