using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paas.Core.Routing;
using Paas.Proxy.Certificates;
using Paas.Proxy.AccessLog;
using Paas.Proxy.Tcp;
using Paas.Proxy.Udp;

namespace Paas.Proxy.Listeners;

/// <summary>
/// The router's server: one Kestrel server per http/https listener port, all running the same
/// request pipeline, one relay per tcp port (<see cref="TcpPortServer"/>) and per udp port
/// (<see cref="UdpPortServer"/>), started and stopped
/// as snapshots add and remove ports.
/// <para>
/// Why not one Kestrel with endpoints reloaded from configuration: that rebind runs in the
/// background with nothing to await, so the router could not tell paasd when a new port really
/// serves (the applied revision); it binds new endpoints only after the removed ones finished
/// draining; and a configuration endpoint cannot take our own TLS handshake (SNI over certificates
/// that change with each snapshot). A server per port binds and drains each port on its own,
/// awaitably, without touching the others' connections, and with no port at all Kestrel does not
/// fall back to its default localhost:5000.
/// </para>
/// </summary>
internal sealed partial class ListenerSet : IServer
{
    private readonly RouterSettings _settings;
    private readonly CertificateStore _certificates;
    private readonly TcpRelay _relay;
    private readonly UdpRoutes _udpRoutes;
    private readonly AccessLogWriter _accessLog;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<ListenerSet> _logger;
    private readonly SocketTransportFactory _transport;
    private readonly EdgeSockets.EdgeTransportFactory _edgeTransport = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<RouterListener, IPortServer> _running = [];
    // Ports that failed to bind and were reported: retries stay quiet until they succeed.
    private readonly HashSet<RouterListener> _failing = [];
    private readonly TaskCompletionSource<Func<KestrelServer, CancellationToken, Task>> _application = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;

    public ListenerSet(RouterSettings settings, CertificateStore certificates, TcpRelay relay, UdpRoutes udpRoutes, AccessLogWriter accessLog,
        IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _udpRoutes = udpRoutes;
        _accessLog = accessLog;
        _settings = settings;
        _certificates = certificates;
        _relay = relay;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ListenerSet>();
        // With the lean forwarder nothing on the request path blocks: a request is read, forwarded and
        // answered on the socket thread that received it (like an nginx worker), with no hop to the
        // thread pool and back. YARP's HttpClient leg gained nothing from it (router-performance.md).
        // The connection forwarder also receives straight into a buffer, without Kestrel's zero-byte
        // receive first: one receive call less per request, for a 4 KiB block held by each idle connection.
        var transport = new SocketTransportOptions { UnsafePreferInlineScheduling = settings.Forwarder != LeanForwarding.ForwarderKind.Yarp, WaitForDataBeforeAllocatingBuffer = settings.Forwarder != LeanForwarding.ForwarderKind.Connection };
        _transport = new SocketTransportFactory(Options.Create(transport), loggerFactory);
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>The ports serving now.</summary>
    public IReadOnlyList<RouterListener> Running
    {
        get
        {
            lock (_running) return _running.Keys.ToList();
        }
    }

    /// <summary>The host hands over the request pipeline; ports come with the snapshots (<see cref="ApplyAsync"/>).</summary>
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        _application.TrySetResult((server, ct) => server.StartAsync(application, ct));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Binds the ports in <paramref name="wanted"/> that are not bound yet and returns once they
    /// serve, with the ones that could not be bound (already logged). Ports no longer wanted drain
    /// their requests in <see cref="ListenerChange.Draining"/>; a port whose scheme changed is
    /// drained first, since both cannot hold it.
    /// </summary>
    public async Task<ListenerChange> ApplyAsync(IReadOnlyList<RouterListener> wanted, CancellationToken ct)
    {
        var start = await _application.Task.WaitAsync(ct);
        await _lock.WaitAsync(ct);
        try
        {
            if (_stopped) return new ListenerChange([], Task.CompletedTask);
            var wantedSet = wanted.ToHashSet();
            var removed = _running.Keys.Where(l => !wantedSet.Contains(l)).ToList();
            var reused = removed.Where(l => wanted.Any(w => SamePort(w, l))).ToList();
            await StopAsync(reused, ct);

            var failed = new List<UnboundPort>();
            foreach (var listener in wanted.Where(l => !_running.ContainsKey(l)))
            {
                var server = Create(listener, start);
                try
                {
                    await server.StartAsync(ct);
                    lock (_running) _running[listener] = server;
                    if (_failing.Remove(listener)) LogBoundAtLast(listener.Scheme, _settings.BindAddress, listener.Port);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    server.Dispose();
                    failed.Add(new UnboundPort(listener.Port, listener.Scheme, e.Message));
                    if (_failing.Add(listener)) LogBindFailed(listener.Scheme, _settings.BindAddress, listener.Port, e.Message);
                }
            }
            _failing.IntersectWith(wantedSet);
            return new ListenerChange(failed, StopAsync(removed.Except(reused).ToList(), CancellationToken.None));
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>SIGTERM: every port stops accepting and finishes its requests until <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            _stopped = true;
            await StopAsync(_running.Keys.ToList(), cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        lock (_running)
        {
            foreach (var server in _running.Values) server.Dispose();
            _running.Clear();
        }
    }

    private async Task StopAsync(IReadOnlyList<RouterListener> listeners, CancellationToken ct)
    {
        var servers = new List<IPortServer>();
        lock (_running)
        {
            foreach (var listener in listeners)
                if (_running.Remove(listener, out var server)) servers.Add(server);
        }
        // Kestrel's own default for draining an endpoint it unbinds, when nothing asks for less.
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(ct);
        drain.CancelAfter(RouterSettings.ShutdownTimeout);
        await Task.WhenAll(servers.Select(async server =>
        {
            try
            {
                await server.StopAsync(drain.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogStopFailed(e.Message); // the port is released on dispose all the same
            }
            server.Dispose();
        }));
    }

    /// <summary>Whether the two hold the same socket: a udp port and a tcp (http, https) port of one number do not.</summary>
    internal static bool SamePort(RouterListener a, RouterListener b) =>
        a.Port == b.Port && (a.Scheme == UdpRoutes.Scheme) == (b.Scheme == UdpRoutes.Scheme);

    private IPortServer Create(RouterListener listener, Func<KestrelServer, CancellationToken, Task> start)
    {
        if (listener.Scheme == UdpRoutes.Scheme)
            return new UdpPortServer(new IPEndPoint(_settings.BindAddress, listener.Port), _udpRoutes, _accessLog, _settings, _loggerFactory.CreateLogger<UdpPortServer>());
        if (listener.Scheme == TcpRoutes.Scheme)
            return new TcpPortServer(new IPEndPoint(_settings.BindAddress, listener.Port), _relay, _loggerFactory.CreateLogger<TcpPortServer>());
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = _services };
        // The app decides how large a body it takes; the router streams it and buffers nothing.
        options.Limits.MaxRequestBodySize = null;
        options.Listen(new IPEndPoint(_settings.BindAddress, listener.Port), listen =>
        {
            if (listener.Scheme == "https")
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(SniCertificates.HandshakeOptions(_certificates));
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1;
                if (_settings.Forwarder == LeanForwarding.ForwarderKind.Connection)
                    _services.GetRequiredService<ConnectionForwarding.ConnectionForwarder>().AddTo(listen);
            }
            listen.ServeHalfClosedClients();
        });
        // The connection forwarder's plain-HTTP ports wait on epoll's edges (EdgeSockets); TLS and YARP keep Kestrel's sockets.
        IConnectionListenerFactory transport = listener.Scheme != "https" && _settings.Forwarder == LeanForwarding.ForwarderKind.Connection ? _edgeTransport : _transport;
        return new HttpPortServer(new KestrelServer(Options.Create(options), transport, _loggerFactory), start);
    }

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "now listening on {Scheme}://{Address}:{Port}, which could not be bound before")]
    private partial void LogBoundAtLast(string scheme, IPAddress address, int port);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "a listener did not stop cleanly: {Reason}")]
    private partial void LogStopFailed(string reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "cannot listen on {Scheme}://{Address}:{Port}, trying again every few seconds: {Reason}")]
    private partial void LogBindFailed(string scheme, IPAddress address, int port, string reason);
}

/// <summary>What <see cref="ListenerSet.ApplyAsync"/> did: ports it could not bind (and why), and the removed ports' draining.</summary>
internal sealed record ListenerChange(IReadOnlyList<UnboundPort> Failed, Task Draining);
