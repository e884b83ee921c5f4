using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Paas.Proxy.AccessLog;
using Paas.Proxy.Listeners;

namespace Paas.Proxy.Udp;

/// <summary>
/// A udp listener port. Each client address (address and port) gets a <see cref="UdpSession"/> on
/// its first datagram, to a container of the port's app chosen turn by turn; its later datagrams
/// go to the same container, and the container's replies come back from this port (and, when the port is
/// bound to every address, from the address the client sent to: <see cref="SourceAddressedSend"/>). A session
/// ends when neither side sent anything for PAAS_ROUTER_UDP_IDLE_TIMEOUT, or when the port holds
/// PAAS_ROUTER_UDP_MAX_SESSIONS and a new client comes (the quietest session is evicted: a flood
/// of new source addresses cannot grow the router without bound). After a snapshot swap a
/// session's next datagram re-points it: it keeps its container if that still serves, else takes
/// another. With no container, datagrams are dropped. Each session is one access log line.
/// </summary>
internal sealed partial class UdpPortServer(IPEndPoint endPoint, UdpRoutes routes, AccessLogWriter accessLog, RouterSettings settings,
    ILogger<UdpPortServer> logger) : IPortServer
{
    private readonly ConcurrentDictionary<IPEndPoint, UdpSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _socket;
    private Task _receiving = Task.CompletedTask;
    private Task _sweeping = Task.CompletedTask;
    private long _evictions;

    /// <summary>Binds the port; throws <see cref="SocketException"/> when it is taken or not allowed.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _receiving = ReceiveAsync(socket);
        _sweeping = SweepAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>There is nothing to drain in UDP: the port closes and every session ends at once.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        _socket?.Dispose();
        await _stopping.CancelAsync();
        await _receiving;
        await _sweeping;
        var sessions = _sessions.Values.ToList();
        foreach (var session in sessions) End(session, ConnectionOutcome.Stopped);
        await Task.WhenAll(sessions.Select(s => s.Replies));
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _stopping.Cancel();
        foreach (var session in _sessions.Values) End(session, ConnectionOutcome.Stopped);
    }

    private async Task ReceiveAsync(Socket socket)
    {
        // One datagram at a time per port: the buffer is reused once the datagram has been sent on.
        var buffer = GC.AllocateUninitializedArray<byte>(UdpSession.MaxDatagram);
        EndPoint any = new IPEndPoint(endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        // Bound to every address: learn which one each datagram was sent to (IP_PKTINFO), so replies leave from it.
        var wildcard = SourceAddressedSend.IsSupported && (endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any));
        while (true)
        {
            (EndPoint RemoteEndPoint, int ReceivedBytes, IPAddress? Local) received;
            try
            {
                if (wildcard)
                {
                    var message = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any);
                    received = (message.RemoteEndPoint, message.ReceivedBytes, message.PacketInformation.Address);
                }
                else
                {
                    var datagram = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
                    received = (datagram.RemoteEndPoint, datagram.ReceivedBytes, null);
                }
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return; // closed by StopAsync
            }
            catch (SocketException)
            {
                continue; // an error queued by an earlier send (ICMP): it concerns that datagram only
            }
            var session = SessionFor((IPEndPoint)received.RemoteEndPoint);
            if (session is null) continue;
            if (received.Local is { } local) session.ReplyFrom = local;
            try
            {
                await session.SendAsync(buffer.AsMemory(0, received.ReceivedBytes), _stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The container's address is gone or the session just ended: this datagram is lost, as UDP allows.
            }
        }
    }

    /// <summary>The client's session, re-pointed if a new snapshot serves; a new one for a new client; null when the app has no container.</summary>
    private UdpSession? SessionFor(IPEndPoint client)
    {
        var route = routes.Find(endPoint.Port);
        if (_sessions.TryGetValue(client, out var session))
        {
            if (ReferenceEquals(session.Route, route)) return session;
            if (route is not null && session.RepointTo(route)) return session;
            End(session, ConnectionOutcome.NoBackend);
            return null;
        }
        if (route?.Next() is not { } backend || _socket is not { } listener) return null;
        while (_sessions.Count >= settings.UdpMaxSessions && EvictQuietest())
        {
        }
        session = new UdpSession(client, route, backend);
        // Only this loop adds sessions, so the client has none: the add cannot lose to another.
        _sessions[client] = session;
        session.Start(listener);
        return session;
    }

    private bool EvictQuietest()
    {
        UdpSession? quietest = null;
        foreach (var session in _sessions.Values)
            if (quietest is null || session.LastActivity < quietest.LastActivity) quietest = session;
        if (quietest is null) return false;
        End(quietest, ConnectionOutcome.Evicted);
        return true;
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        // A quarter of the timeout: a session outlives it by 25 % at most, and a long timeout does not wake the port often.
        var period = TimeSpan.FromTicks(Math.Clamp(settings.UdpIdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                foreach (var session in _sessions.Values)
                    if (session.Quiet >= settings.UdpIdleTimeout) End(session, ConnectionOutcome.IdleTimeout);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Ends <paramref name="session"/> once, whoever gets there first, and logs it.</summary>
    private void End(UdpSession session, ConnectionOutcome outcome)
    {
        if (!_sessions.TryRemove(new KeyValuePair<IPEndPoint, UdpSession>(session.Client, session))) return;
        session.Dispose();
        var route = session.Route;
        var client = session.Client.Address.IsIPv4MappedToIPv6 ? session.Client.Address.MapToIPv4() : session.Client.Address;
        accessLog.Add(new ConnectionLogEntry(route.AppId, route.App, DateTimeOffset.UtcNow, endPoint.Port, client, session.Backend.Instance,
            outcome, session.Age.TotalMilliseconds, session.BytesIn, session.BytesOut, Protocol: UdpRoutes.Scheme));
        // Once, then every thousandth: a flood of new clients must not turn into a flood of log lines.
        if (outcome == ConnectionOutcome.Evicted && Interlocked.Increment(ref _evictions) % 1000 == 1)
            LogEvicted(route.App, endPoint.Port, settings.UdpMaxSessions, _evictions);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "app {App}: udp port {Port} holds {Max} sessions (PAAS_ROUTER_UDP_MAX_SESSIONS); the quietest was ended for a new client ({Evictions} so far)")]
    private partial void LogEvicted(string app, int port, int max, long evictions);
}
