using System.Collections;
using System.Net;
using Microsoft.Extensions.Logging;
using Paas.Core.Containers;
using Paas.Core.Routing;

namespace Paas.Proxy;

/// <summary>
/// What paas-router needs to know, all from its environment: where paasd keeps the routing
/// snapshot and the app logs (PAAS_ROOT), which address the listeners bind (PAAS_ROUTER_ADDRESS),
/// how much it logs (PAAS_ROUTER_LOG_LEVEL) and how long a quiet tcp connection is kept
/// (PAAS_ROUTER_TCP_IDLE_TIMEOUT, seconds), how long a quiet udp session is kept and how many a
/// udp port holds (PAAS_ROUTER_UDP_IDLE_TIMEOUT, PAAS_ROUTER_UDP_MAX_SESSIONS) and what forwards HTTP requests
/// (PAAS_ROUTER_FORWARDER: yarp, lean or connection, see LeanForwarding.LeanForwarder and
/// ConnectionForwarding.ConnectionForwarder) and how many epoll threads the connection forwarder's
/// sockets wait on (PAAS_ROUTER_EPOLL_THREADS). Nothing else: the router never asks paasd.
/// </summary>
public sealed record RouterSettings(string Root, IPAddress BindAddress, LogLevel LogLevel)
{
    public const string DefaultRoot = "/var/lib/paas";

    /// <summary>nginx's stream proxy_timeout: long enough for a database client's pooled connection between queries.</summary>
    public static readonly TimeSpan DefaultTcpIdleTimeout = TimeSpan.FromMinutes(10);

    // A week: far beyond any sensible quiet, and within what one timer can wait.
    private const int MaxTcpIdleSeconds = 7 * 24 * 3600;

    /// <summary>A relayed tcp connection in which neither side sent a byte for this long is closed (both sides reset).</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = DefaultTcpIdleTimeout;

    /// <summary>conntrack's own timeout for a udp flow that has seen replies (nf_conntrack_udp_timeout_stream is 120 s; DNS-like traffic needs far less).</summary>
    public static readonly TimeSpan DefaultUdpIdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Sessions one udp port holds before the quietest makes room: each is a socket (a file descriptor).</summary>
    public const int DefaultUdpMaxSessions = 4096;

    private const int MaxUdpSessions = 1_000_000;

    /// <summary>A udp session in which neither side sent a datagram for this long ends (its socket closes).</summary>
    public TimeSpan UdpIdleTimeout { get; init; } = DefaultUdpIdleTimeout;

    /// <summary>Sessions per udp port; a new client beyond it evicts the quietest.</summary>
    public int UdpMaxSessions { get; init; } = DefaultUdpMaxSessions;

    /// <summary>What forwards HTTP/1.x requests to the backends.</summary>
    public LeanForwarding.ForwarderKind Forwarder { get; init; } = DefaultForwarder;

    // The connection forwarder passes the whole router test suite and the conformance suite it shares
    // with yarp and lean, and does the least work per request (docs/BENCHMARKS.md, Router); the
    // others stay one setting away.
    public const LeanForwarding.ForwarderKind DefaultForwarder = LeanForwarding.ForwarderKind.Connection;

    /// <summary>
    /// Two per processor: on 2 cores shared with the load and the backend, 4 loops served 3-12 % more
    /// requests/s than 2 and 8 (docs/BENCHMARKS.md, Router, 2026-12-03 evening): a loop whose thread is
    /// preempted stalls only its own connections.
    /// </summary>
    public static int DefaultEpollThreads => Math.Min(2 * Environment.ProcessorCount, MaxEpollThreads);

    private const int MaxEpollThreads = 256;

    /// <summary>Epoll loops of the connection forwarder (EdgeSockets.EpollLoop).</summary>
    public int EpollThreads { get; init; } = DefaultEpollThreads;

    /// <summary>How long SIGTERM waits for requests in flight before the router exits anyway.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    public string SnapshotPath => RoutingSnapshotFile.PathUnder(Root);

    public string AppliedPath => RoutingSnapshotFile.AppliedPathUnder(Root);

    /// <summary>$PAAS_ROOT/logs: one dir per app id, where the access log joins the app's container logs.</summary>
    public string LogsDirectory => new RuntimePaths(Root).Logs;

    /// <summary>The settings in <paramref name="environment"/>; throws <see cref="RouterSettingsException"/> naming the bad variable.</summary>
    public static RouterSettings FromEnvironment(IDictionary environment)
    {
        string? Read(string name) => environment[name] as string is { Length: > 0 } value ? value : null;

        var root = Read("PAAS_ROOT") ?? DefaultRoot;
        if (!Path.IsPathFullyQualified(root))
            throw new RouterSettingsException($"PAAS_ROOT='{root}' is not an absolute path");

        var address = Read("PAAS_ROUTER_ADDRESS") ?? "0.0.0.0";
        if (!IPAddress.TryParse(address, out var bind))
            throw new RouterSettingsException($"PAAS_ROUTER_ADDRESS='{address}' is not an IP address (for example 0.0.0.0, 127.0.0.1 or ::)");

        var level = Read("PAAS_ROUTER_LOG_LEVEL") ?? nameof(LogLevel.Warning);
        if (!Enum.TryParse<LogLevel>(level, ignoreCase: true, out var logLevel) || !Enum.IsDefined(logLevel))
            throw new RouterSettingsException(
                $"PAAS_ROUTER_LOG_LEVEL='{level}' is not a log level: use one of {string.Join(", ", Enum.GetNames<LogLevel>())}");

        var idle = Read("PAAS_ROUTER_TCP_IDLE_TIMEOUT");
        var idleSeconds = (int)DefaultTcpIdleTimeout.TotalSeconds;
        if (idle is not null && (!int.TryParse(idle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out idleSeconds)
                                 || idleSeconds is < 1 or > MaxTcpIdleSeconds))
            throw new RouterSettingsException($"PAAS_ROUTER_TCP_IDLE_TIMEOUT='{idle}' is not a number of seconds from 1 to {MaxTcpIdleSeconds}");

        var udpIdleSeconds = ReadNumber(environment, "PAAS_ROUTER_UDP_IDLE_TIMEOUT", (int)DefaultUdpIdleTimeout.TotalSeconds, MaxTcpIdleSeconds, "seconds");
        var udpSessions = ReadNumber(environment, "PAAS_ROUTER_UDP_MAX_SESSIONS", DefaultUdpMaxSessions, MaxUdpSessions, "sessions");

        var forwarderName = Read("PAAS_ROUTER_FORWARDER");
        var forwarder = DefaultForwarder;
        if (forwarderName is not null && (!Enum.TryParse(forwarderName, ignoreCase: true, out forwarder) || !Enum.IsDefined(forwarder) || char.IsDigit(forwarderName[0])))
            throw new RouterSettingsException($"PAAS_ROUTER_FORWARDER='{forwarderName}' is not a forwarder: use connection, lean or yarp");

        var epollThreads = ReadNumber(environment, "PAAS_ROUTER_EPOLL_THREADS", DefaultEpollThreads, MaxEpollThreads, "threads");

        return new RouterSettings(Path.GetFullPath(root), bind, logLevel)
        {
            TcpIdleTimeout = TimeSpan.FromSeconds(idleSeconds), Forwarder = forwarder,
            UdpIdleTimeout = TimeSpan.FromSeconds(udpIdleSeconds), UdpMaxSessions = udpSessions,
            EpollThreads = epollThreads,
        };
    }

    private static int ReadNumber(IDictionary environment, string name, int fallback, int max, string unit)
    {
        if (environment[name] is not string { Length: > 0 } text) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            throw new RouterSettingsException($"{name}='{text}' is not a number of {unit} from 1 to {max}");
        return value;
    }
}

public sealed class RouterSettingsException(string message) : Exception(message);
