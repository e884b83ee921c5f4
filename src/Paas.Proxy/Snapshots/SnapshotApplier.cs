using System.Globalization;
using Microsoft.Extensions.Logging;
using Paas.Core.Routing;
using Paas.Proxy.Certificates;
using Paas.Proxy.Listeners;
using Paas.Proxy.Routing;
using Paas.Proxy.Tcp;
using Paas.Proxy.Udp;
using Yarp.ReverseProxy.Configuration;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// Makes one snapshot live, in the order that never sends a request to a half-made config:
/// certificates first (a new https port must find them), then YARP's routes and clusters swapped
/// whole and the tcp routes with them, then the new ports bound; only then is the revision reported
/// in the applied file, with the ports that could not be bound. Ports the snapshot dropped drain their requests and connections afterwards.
/// Called by one caller at a time.
/// </summary>
internal sealed partial class SnapshotApplier(
    InMemoryConfigProvider proxyConfig,
    ConfigAppliedSignal applied,
    CertificateStore certificates,
    TcpRoutes tcpRoutes,
    UdpRoutes udpRoutes,
    ListenerSet listeners,
    RouterSettings settings,
    ILogger<SnapshotApplier> logger)
{
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(30);
    private long _swaps;

    /// <summary>The snapshot serving now (<see cref="RoutingSnapshot.Empty"/> before the first).</summary>
    public RoutingSnapshot Current { get; private set; } = RoutingSnapshot.Empty;

    /// <summary>Ports of <see cref="Current"/> that could not be bound; <see cref="RetryListenersAsync"/> tries them again.</summary>
    public IReadOnlyList<UnboundPort> UnboundListeners { get; private set; } = [];

    /// <summary>Applies <paramref name="snapshot"/>; false when YARP refused it and the previous one still serves.</summary>
    public async Task<bool> ApplyAsync(RoutingSnapshot snapshot, CancellationToken ct)
    {
        var config = ProxyConfigBuilder.Build(snapshot);
        certificates.Update(snapshot);

        var revisionId = string.Create(CultureInfo.InvariantCulture, $"{snapshot.Revision}.{Interlocked.Increment(ref _swaps)}");
        var swapped = applied.WaitFor(revisionId);
        proxyConfig.Update(config.Routes, config.Clusters, revisionId);
        Exception? refused;
        try
        {
            refused = await swapped.WaitAsync(ApplyTimeout, ct);
        }
        catch (TimeoutException e)
        {
            refused = e;
        }
        finally
        {
            applied.Forget(revisionId);
        }
        if (refused is not null)
        {
            LogRefused(snapshot.Revision, refused.Message);
            // Back to what serves: YARP keeps its old config but our certificates moved on.
            certificates.Update(Current);
            return false;
        }

        Current = snapshot;
        // New tcp connections go to the new backends from here on; open ones keep theirs.
        tcpRoutes.Update(snapshot);
        // udp sessions re-point at their next datagram (UdpPortServer).
        udpRoutes.Update(snapshot);
        var change = await listeners.ApplyAsync(snapshot.Listeners, ct);
        UnboundListeners = change.Failed;
        ReportApplied(snapshot.Revision);
        LogApplied(snapshot.Revision, snapshot.Apps.Count, snapshot.Listeners.Count);
        _ = change.Draining;
        return true;
    }

    private void ReportApplied(long revision)
    {
        try
        {
            AppliedRevisionFile.Write(settings.AppliedPath, revision, UnboundListeners);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The revision serves all the same; only paasd's wait for it will time out.
            LogAppliedUnwritable(settings.AppliedPath, revision, e.Message);
        }
    }

    /// <summary>Binds the ports that failed before (taken by a process that has exited since, say).</summary>
    public async Task RetryListenersAsync(CancellationToken ct)
    {
        var change = await listeners.ApplyAsync(Current.Listeners, ct);
        var before = UnboundListeners;
        UnboundListeners = change.Failed;
        // paasd shows which ports are not served: the report follows a port that binds at last.
        if (!before.Select(u => (u.Port, u.Scheme)).SequenceEqual(change.Failed.Select(u => (u.Port, u.Scheme)))) ReportApplied(Current.Revision);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "routing snapshot revision {Revision} was refused by the proxy, the previous one keeps serving: {Reason}")]
    private partial void LogRefused(long revision, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "cannot write {Path} to report revision {Revision}: {Reason}")]
    private partial void LogAppliedUnwritable(string path, long revision, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "routing snapshot revision {Revision} serves {Apps} apps on {Listeners} ports")]
    private partial void LogApplied(long revision, int apps, int listeners);
}
