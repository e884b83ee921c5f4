using System.Net.Sockets;
using System.Text;

namespace Paas.Proxy.Tests.Support;

/// <summary>Bytes on a plain TCP connection, for requests no HTTP client would send.</summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream? _stream;

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var raw = new RawHttp();
        await raw._client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        raw._client.NoDelay = true;
        raw._stream = raw._client.GetStream();
        return raw;
    }

    public Task SendAsync(string text) => _stream!.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>Sends <paramref name="count"/> zero bytes, a piece at a time.</summary>
    public async Task SendZerosAsync(long count)
    {
        var piece = new byte[64 * 1024];
        for (var left = count; left > 0; left -= piece.Length)
            await _stream!.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)));
    }

    /// <summary>
    /// Reads until the server closes: keeps the first 64 KiB as text (heads and small bodies) and
    /// only counts the rest, so a large answer needs no memory here.
    /// </summary>
    public async Task<(string Start, long Total)> ReadCountingAsync(TimeSpan? quiet = null)
    {
        var start = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            using var cts = new CancellationTokenSource(quiet ?? TimeSpan.FromSeconds(10));
            int read;
            try { read = await _stream!.ReadAsync(buffer, cts.Token); }
            catch (OperationCanceledException) { break; }
            catch (IOException) { break; }
            if (read == 0) break;
            if (start.Length < buffer.Length) start.Write(buffer, 0, (int)Math.Min(read, buffer.Length - start.Length));
            total += read;
        }
        return (Encoding.ASCII.GetString(start.ToArray()), total);
    }

    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Everything the server sends until it closes the connection or goes quiet for <paramref name="quiet"/>.</summary>
    public async Task<string> ReadAllAsync(TimeSpan? quiet = null)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            using var cts = new CancellationTokenSource(quiet ?? TimeSpan.FromSeconds(5));
            int read;
            try { read = await _stream!.ReadAsync(buffer, cts.Token); }
            catch (OperationCanceledException) { break; }
            catch (IOException) { break; } // reset by the server
            if (read == 0) break;
            received.Write(buffer, 0, read);
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    /// <summary>Reads until <paramref name="text"/> has arrived; returns what arrived.</summary>
    public async Task<string> ReadUntilAsync(string text, TimeSpan timeout)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        while (!received.ToString().Contains(text, StringComparison.Ordinal))
        {
            var read = await _stream!.ReadAsync(buffer, cts.Token);
            if (read == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return received.ToString();
    }

    public static int StatusOf(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response.AsSpan(9, 3)) : 0;

    public void Dispose() => _client.Dispose();
}
