using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Paas.Proxy.Listeners;

namespace Paas.Proxy.Tcp;

/// <summary>
/// A tcp listener port: accepts connections and hands each to <see cref="TcpRelay"/>. Stopping
/// closes the port at once, then lets the open connections run until the stop's token fires,
/// then aborts those still open.
/// </summary>
internal sealed partial class TcpPortServer(IPEndPoint endPoint, TcpRelay relay, ILogger<TcpPortServer> logger) : IPortServer
{
    // Connections waiting for their accept: as Kestrel's default backlog.
    private const int Backlog = 512;

    // After a failed accept: a shortage that lasts must not turn the loop into a busy one.
    private static readonly TimeSpan AcceptRetry = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private Socket? _socket;
    private Task _accepting = Task.CompletedTask;

    /// <summary>Binds the port; throws <see cref="SocketException"/> when it is taken or not allowed.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // As Kestrel does: the IPv6 any-address takes IPv4 connections too.
            if (endPoint.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(endPoint);
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _accepting = AcceptAsync(socket);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        _socket?.Dispose(); // no new connections from here on
        await _accepting;
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
            await Task.WhenAll(_connections.Keys);
        }
    }

    // _stopping is only cancelled, never disposed: connections still ending hold its token.
    public void Dispose()
    {
        _socket?.Dispose();
        _stopping.Cancel();
    }

    private async Task AcceptAsync(Socket listening)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listening.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return; // closed by StopAsync
            }
            catch (SocketException e)
            {
                // A connection that went away before its accept, or a passing shortage (file descriptors): the port serves on.
                LogAcceptFailed(endPoint.Port, e.Message);
                await Task.Delay(AcceptRetry);
                continue;
            }
            Track(relay.RunAsync(client, endPoint.Port, _stopping.Token));
        }
    }

    private void Track(Task connection)
    {
        _connections.TryAdd(connection, 0);
        connection.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _connections,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "tcp port {Port}: a connection could not be accepted: {Reason}")]
    private partial void LogAcceptFailed(int port, string reason);
}
