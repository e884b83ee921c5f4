using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Proxy.Tests.Support;

/// <summary>A client's TCP connection to the router on loopback, byte by byte.</summary>
public sealed class TcpConnection : IDisposable
{
    private readonly Socket _socket;

    private TcpConnection(Socket socket) => _socket = socket;

    public static async Task<TcpConnection> OpenAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return new TcpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        for (var sent = 0; sent < bytes.Length;)
            sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None);
    }

    /// <summary>Ends the client's side (FIN); it can still read.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next line without its newline; null when the connection ended first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1];
        var line = new StringBuilder();
        while (true)
        {
            if (await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0) return null;
            if (buffer[0] == '\n') return line.ToString();
            line.Append((char)buffer[0]);
        }
    }

    /// <summary>Everything until the other side ends the connection; throws on a reset, or after <paramref name="timeout"/>.</summary>
    public async Task<byte[]> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) received.Write(buffer, 0, read);
        return received.ToArray();
    }

    /// <summary>Waits until the router ends the connection (FIN or reset) and returns how long that took.</summary>
    public async Task<TimeSpan> WaitClosedAsync(TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await ReadToEndAsync(timeout);
        }
        catch (SocketException)
        {
            // reset: closed all the same
        }
        return watch.Elapsed;
    }

    public void Dispose() => _socket.Dispose();
}
