using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Proxy.Tests.Support;

/// <summary>
/// A real TCP server standing in for an app's container on a loopback address. Each connection is
/// greeted with the backend's name and a newline. Then, by default, every byte is echoed back and,
/// once the client has ended its side (FIN), "bye NAME\n" is sent and the connection closed: the
/// farewell shows the half-close went through the router and the way back still worked. With
/// <c>closesFirst</c> the backend ends its own side right after the greeting and counts what the
/// client still sends (<see cref="Received"/>).
/// </summary>
public sealed class TcpEchoBackend : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly bool _closesFirst;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<Task> _connections = [];
    private int _accepted;

    private TcpEchoBackend(string name, Socket listener, bool closesFirst)
    {
        Name = name;
        _listener = listener;
        _closesFirst = closesFirst;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Bytes each finished connection received from its client, in the order they finished.</summary>
    public BlockingCollection<long> Received { get; } = [];

    public static TcpEchoBackend Start(string name, string address = "127.0.0.1", int port = 0, bool closesFirst = false)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(address), port));
        listener.Listen(64);
        return new TcpEchoBackend(name, listener, closesFirst);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            _connections.Add(ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                await SendAsync(connection, $"{Name}\n");
                if (_closesFirst) connection.Shutdown(SocketShutdown.Send);
                var buffer = new byte[16 * 1024];
                long total = 0;
                int read;
                while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                {
                    total += read;
                    if (!_closesFirst) await SendAsync(connection, buffer.AsMemory(0, read));
                }
                if (!_closesFirst) await SendAsync(connection, $"bye {Name}\n");
                Received.Add(total);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The router reset the connection, or the test is over.
            }
        }
    }

    private Task SendAsync(Socket connection, string text) => SendAsync(connection, Encoding.ASCII.GetBytes(text));

    private async Task SendAsync(Socket connection, ReadOnlyMemory<byte> bytes)
    {
        for (var sent = 0; sent < bytes.Length;)
            sent += await connection.SendAsync(bytes[sent..], SocketFlags.None, _stop.Token);
    }
}
