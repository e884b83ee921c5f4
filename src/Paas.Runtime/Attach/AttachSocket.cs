using System.Net.Sockets;
using Paas.Core.Containers;

namespace Paas.Runtime.Attach;

/// <summary>
/// A client of conmon's attach socket (SOCK_SEQPACKET): every packet is one read of the container's
/// stdout or stderr, its first byte naming the stream (2 stdout, 3 stderr; Podman's AttachPipe*).
/// conmon writes to its clients blocking, so a slow reader slows the container down instead of
/// losing output. At exit conmon drains the container's pipes to its clients, writes the exit file
/// and closes: end-of-file here means all output has arrived.
/// </summary>
internal sealed class AttachSocket : IDisposable
{
    private const byte StdoutPipe = 2;
    private const byte StderrPipe = 3;
    private const int MaxSunPath = 107;
    private const int MaxInputPacket = 8191;

    /// <summary>conmon's reads are 8192 bytes plus the stream byte; a larger buffer never truncates a packet.</summary>
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly Socket _socket;

    private AttachSocket(Socket socket) => _socket = socket;

    public static async Task<AttachSocket> ConnectAsync(string path, CancellationToken ct)
    {
        if (path.Length > MaxSunPath)
            throw new ContainerException($"attach socket path {path} is longer than a unix socket allows ({MaxSunPath} bytes): use a shorter runtime root");
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
            return new AttachSocket(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ContainerException($"cannot attach to the container's output at {path}: {e.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next chunk of output, or null at end-of-file (the container exited and all output arrived).</summary>
    public async Task<(LogStream Stream, ReadOnlyMemory<byte> Data)?> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, ct);
            if (n == 0) return null;
            switch (_buffer[0])
            {
                case StdoutPipe: return (LogStream.Stdout, _buffer.AsMemory(1, n - 1));
                case StderrPipe: return (LogStream.Stderr, _buffer.AsMemory(1, n - 1));
                default: continue; // no other stream is sent to clients
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="data"/> to the container's stdin (with --stdin), a packet at a time: conmon reads
    /// a packet into a 32 KiB buffer (8 KiB in older versions) and would cut a longer one.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            var packet = data[..Math.Min(data.Length, MaxInputPacket)];
            await _socket.SendAsync(packet, SocketFlags.None, ct);
            data = data[packet.Length..];
        }
    }

    /// <summary>The end of our input: conmon closes the container's stdin (output keeps coming).</summary>
    public void ShutdownSend()
    {
        try { _socket.Shutdown(SocketShutdown.Send); }
        catch (SocketException) { } // conmon already went away: nothing left to close
    }

    public void Dispose() => _socket.Dispose();
}
