using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Paas.Proxy.AccessLog;

namespace Paas.Proxy.Tcp;

/// <summary>
/// Serves one accepted connection of a tcp listener: picks a backend of the port's app (round
/// robin; the next one when a backend refuses or does not answer within <see cref="ConnectTimeout"/>),
/// then copies bytes both ways until both sides have finished, passing each half-close on. A
/// connection quiet for the idle timeout, or one side resetting, ends both. No backend: the
/// client's connection is closed at once. Each connection is one line in the app's access log.
/// </summary>
internal sealed partial class TcpRelay(TcpRoutes routes, AccessLogWriter accessLog, RouterSettings settings, ILogger<TcpRelay> logger)
{
    /// <summary>As for HTTP: a container that has not accepted by then is as good as down.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // Bounds the wait of a client whose app's containers all fail to answer.
    private const int MaxConnectAttempts = 3;

    /// <summary>Relays <paramref name="client"/>, accepted on <paramref name="listenPort"/>, until it ends; <paramref name="stopping"/> aborts it.</summary>
    public async Task RunAsync(Socket client, int listenPort, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        var clientAddress = (client.RemoteEndPoint as IPEndPoint)?.Address;
        var traffic = new TcpTraffic();
        Socket? backend = null;
        TcpBackend? chosen = null;
        var outcome = ConnectionOutcome.NoBackend;
        var route = routes.Find(listenPort);
        try
        {
            if (route is null || route.Backends.Count == 0) return;
            (backend, chosen) = await ConnectAsync(route, stopping);
            if (backend is null)
            {
                outcome = stopping.IsCancellationRequested ? ConnectionOutcome.Stopped : ConnectionOutcome.ConnectFailed;
                return;
            }
            client.NoDelay = true;
            outcome = await CopyBothWaysAsync(client, backend, traffic, stopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing of one connection may take the listener down with it.
            outcome = ConnectionOutcome.Reset;
            LogRelayFailed(route?.App ?? "-", listenPort, e);
        }
        finally
        {
            Close(client, graceful: outcome is ConnectionOutcome.Closed or ConnectionOutcome.NoBackend or ConnectionOutcome.ConnectFailed);
            if (backend is not null) Close(backend, graceful: outcome is ConnectionOutcome.Closed);
            if (route is not null)
                accessLog.Add(new ConnectionLogEntry(route.AppId, route.App, DateTimeOffset.UtcNow, listenPort, clientAddress, chosen?.Instance,
                    outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, traffic.BytesIn, traffic.BytesOut));
        }
    }

    private async Task<(Socket?, TcpBackend?)> ConnectAsync(TcpRoute route, CancellationToken stopping)
    {
        foreach (var candidate in route.Candidates().Take(MaxConnectAttempts))
        {
            var socket = new Socket(candidate.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            attempt.CancelAfter(ConnectTimeout);
            try
            {
                await socket.ConnectAsync(candidate.EndPoint, attempt.Token);
                return (socket, candidate);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (stopping.IsCancellationRequested) break;
                LogConnectFailed(route.App, candidate.Instance, candidate.EndPoint.ToString(),
                    e is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : e.Message);
            }
        }
        return (null, null);
    }

    /// <summary>Both pumps and the idle watch; the first failure (or the idle timeout, or a stop) aborts both sockets.</summary>
    private async Task<ConnectionOutcome> CopyBothWaysAsync(Socket client, Socket backend, TcpTraffic traffic, CancellationToken stopping)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var aborted = 0;
        var outcome = ConnectionOutcome.Closed;
        void Abort(ConnectionOutcome why)
        {
            if (Interlocked.Exchange(ref aborted, 1) != 0) return;
            outcome = why;
            ending.Cancel();
        }

        async Task PumpAsync(Socket from, Socket to, bool toApp)
        {
            try
            {
                await TcpPump.CopyAsync(from, to, traffic, toApp, ending.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Abort(stopping.IsCancellationRequested ? ConnectionOutcome.Stopped : ConnectionOutcome.Reset);
            }
        }

        var pumps = Task.WhenAll(PumpAsync(client, backend, toApp: true), PumpAsync(backend, client, toApp: false));
        var idle = WatchIdleAsync(traffic, () => Abort(ConnectionOutcome.IdleTimeout), ending.Token);
        await pumps;
        await ending.CancelAsync(); // ends the idle watch once both directions are done
        await idle;
        return outcome;
    }

    private async Task WatchIdleAsync(TcpTraffic traffic, Action timedOut, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var quiet = traffic.Quiet;
                if (quiet >= settings.TcpIdleTimeout)
                {
                    timedOut();
                    return;
                }
                await Task.Delay(settings.TcpIdleTimeout - quiet, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Graceful: both directions already ended, or the client is sent a plain FIN. Otherwise a reset (RST), so the other end knows the connection broke.</summary>
    private static void Close(Socket socket, bool graceful)
    {
        try
        {
            if (graceful) socket.Shutdown(SocketShutdown.Both);
            else socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    [LoggerMessage(EventId = 52, Level = LogLevel.Error, Message = "app {App}: a tcp connection on port {Port} failed")]
    private partial void LogRelayFailed(string app, int port, Exception exception);

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "app {App}: tcp backend {Instance} at {EndPoint} did not accept a connection: {Reason}")]
    private partial void LogConnectFailed(string app, string instance, string endPoint, string reason);
}
