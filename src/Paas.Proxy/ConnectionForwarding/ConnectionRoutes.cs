using System.Net;
using Paas.Proxy.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// The connection forwarder's view of the routes: built from the very configuration YARP just
/// applied (this is one of YARP's config change listeners), so both forwarders route from one
/// source. Only what the connection forwarder serves by itself is in it: a plain host name
/// (or <c>*.domain</c>) with at least one backend and no HTTP→HTTPS redirect. Anything else it
/// does not find, and hands to the Kestrel/YARP pipeline, which answers it (404, 503, 301) as
/// in yarp mode.
/// </summary>
internal sealed class ConnectionRoutes(BackendLinkPools pools) : IConfigChangeListener
{
    private volatile RouteTable _table = RouteTable.Empty;

    /// <summary>The route for a request that arrived on <paramref name="port"/> for <paramref name="host"/> (Host without its port, ASCII).</summary>
    public ConnectionRoute? Find(int port, ReadOnlySpan<char> host) => _table.Find(port, host);

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        var clusters = proxyConfigs.SelectMany(c => c.Clusters).ToDictionary(c => c.ClusterId, StringComparer.OrdinalIgnoreCase);
        var table = new RouteTable();
        foreach (var route in proxyConfigs.SelectMany(c => c.Routes))
        {
            if (AppEndpoint.FromRoute(route) is not { RedirectToHttpsPort: null } app) continue;
            if (route.ClusterId is null || !clusters.TryGetValue(route.ClusterId, out var cluster) || cluster.Destinations is not { Count: > 0 } destinations) continue;
            var targets = new List<Destination>();
            foreach (var (id, destination) in destinations)
                if (Parse(destination.Address) is { } endpoint) targets.Add(new Destination(id, pools.For(endpoint)));
            if (targets.Count != destinations.Count) continue; // an address we cannot reach by ourselves: YARP's
            var target = new ConnectionRoute(app, [.. targets]);
            foreach (var host in route.Match.Hosts ?? []) table.Add(app.ListenPort, host, target);
        }
        _table = table;
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    private static IPEndPoint? Parse(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.AbsolutePath == "/"
        && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, uri.Port)
            : null;

    private sealed class RouteTable
    {
        public static readonly RouteTable Empty = new();

        private readonly Dictionary<int, Dictionary<string, ConnectionRoute>> _exact = [];
        private readonly Dictionary<int, List<(string Suffix, ConnectionRoute Route)>> _wildcards = [];

        public void Add(int port, string host, ConnectionRoute route)
        {
            // A host with a port of its own or any other pattern than *.domain stays with YARP's matcher.
            if (host.Contains(':') || host.Length == 0) return;
            if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                if (host.IndexOf('*', 1) >= 0) return;
                if (!_wildcards.TryGetValue(port, out var list)) _wildcards[port] = list = [];
                list.Add((host[1..], route));
                return;
            }
            if (host.Contains('*')) return;
            if (!_exact.TryGetValue(port, out var hosts)) _exact[port] = hosts = new(StringComparer.OrdinalIgnoreCase);
            hosts.TryAdd(host, route);
        }

        public ConnectionRoute? Find(int port, ReadOnlySpan<char> host)
        {
            if (_exact.TryGetValue(port, out var hosts) && hosts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out var route))
                return route;
            if (_wildcards.TryGetValue(port, out var wildcards))
                foreach (var (suffix, candidate) in wildcards)
                    if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return candidate;
            return null;
        }
    }
}

/// <summary>An app's route on one listener port: its backends, taken turn by turn as YARP's RoundRobin does.</summary>
internal sealed class ConnectionRoute(AppEndpoint app, Destination[] destinations)
{
    private int _next = -1;

    public AppEndpoint App { get; } = app;

    public Destination Next() =>
        destinations.Length == 1 ? destinations[0] : destinations[(int)((uint)Interlocked.Increment(ref _next) % (uint)destinations.Length)];
}

/// <summary>One backend of a route: its YARP destination id (for the access log) and its connection pool.</summary>
internal sealed record Destination(string Id, BackendLinkPool Pool);
