using System.Net;
using System.Net.Sockets;
using Paas.Proxy.EdgeSockets;

namespace Paas.Proxy.Tests.Units;

/// <summary>
/// The edge-triggered socket under the connection forwarder, against real loopback connections: a receive
/// waits for epoll's edge (without spinning: a connect once left the socket marked hung up, and every
/// receive after it retried on EAGAIN), the peer's end that came with its last data is still read, and
/// failures and closes end what waits.
/// </summary>
public sealed class EdgeSocketTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public EdgeSocketTests() => _listener.Start();

    private IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    [Fact]
    public async Task AReceive_WaitsForData_OnANewConnectionThatIsNotTakenForHungUp()
    {
        using var edge = await EdgeSocket.ConnectAsync(Endpoint, Soon);
        using var server = await _listener.AcceptSocketAsync();
        var buffer = new byte[64];

        var receive = edge.ReceiveAsync(buffer).AsTask();
        await Task.Delay(200);
        Assert.False(receive.IsCompleted);
        Assert.False(edge.HungUp);
        await server.SendAsync("hello"u8.ToArray());

        Assert.Equal(5, await receive.WaitAsync(Soon));
        Assert.Equal("hello"u8.ToArray(), buffer[..5]);
    }

    [Fact]
    public async Task ThePeersEnd_ThatCameWithItsLastData_IsStillRead()
    {
        using var edge = await EdgeSocket.ConnectAsync(Endpoint, Soon);
        using (var server = await _listener.AcceptSocketAsync())
        {
            await server.SendAsync("bye"u8.ToArray());
            server.Shutdown(SocketShutdown.Send);
        }
        await Task.Delay(200); // both the data and the FIN are there before the first receive
        var buffer = new byte[64];

        Assert.Equal(3, await edge.ReceiveAsync(buffer).AsTask().WaitAsync(Soon));
        Assert.Equal(0, await edge.ReceiveAsync(buffer).AsTask().WaitAsync(Soon));
    }

    [Fact]
    public async Task AConnectToAClosedPort_IsRefused()
    {
        var closed = Endpoint;
        _listener.Stop();

        var error = await Assert.ThrowsAsync<SocketException>(() => EdgeSocket.ConnectAsync(closed, Soon));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task DisposingASocket_FailsItsWaitingReceive()
    {
        var edge = await EdgeSocket.ConnectAsync(Endpoint, Soon);
        using var server = await _listener.AcceptSocketAsync();
        var receive = edge.ReceiveAsync(new byte[64]).AsTask();

        edge.Dispose();

        var error = await Assert.ThrowsAsync<SocketException>(() => receive.WaitAsync(Soon));
        Assert.Equal(SocketError.OperationAborted, error.SocketErrorCode);
    }

    [Fact]
    public async Task ASendLargerThanTheSocketsBuffers_WaitsForRoom_AndArrivesWhole()
    {
        using var edge = await EdgeSocket.ConnectAsync(Endpoint, Soon);
        using var server = await _listener.AcceptSocketAsync();
        var data = new byte[16 * 1024 * 1024];
        Random.Shared.NextBytes(data);

        var send = edge.SendAsync(data).AsTask();
        await Task.Delay(200);
        Assert.False(send.IsCompleted); // the buffers are full until the server reads
        var received = new MemoryStream();
        var buffer = new byte[256 * 1024];
        while (received.Length < data.Length)
        {
            var read = await server.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Soon);
            Assert.NotEqual(0, read);
            received.Write(buffer, 0, read);
        }
        await send.WaitAsync(Soon);

        Assert.True(data.AsSpan().SequenceEqual(received.ToArray()));
    }

    public void Dispose() => _listener.Stop();
}
