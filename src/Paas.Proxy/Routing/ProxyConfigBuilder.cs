using System.Globalization;
using System.Net;
using Paas.Core.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace Paas.Proxy.Routing;

/// <summary>The full YARP configuration for one snapshot: YARP has no delta API, so every swap passes everything.</summary>
internal sealed record ProxyConfig(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters);

/// <summary>
/// Turns a routing snapshot into YARP routes and clusters: one route and one cluster per
/// (app, listener port), because each mapping may forward to a different container port. A
/// route matches the app's hosts on any path; the listener port is matched by
/// <see cref="ListenPortMatcherPolicy"/> through the route's <see cref="AppEndpoint"/>.
/// </summary>
internal static class ProxyConfigBuilder
{
    // Forwarding HTTP/1.1 exactly: plain http:// destinations never speak h2c, and asking for
    // HTTP/2 first only costs a negotiation (router-performance.md, recommended configuration).
    private static readonly ForwarderRequestConfig Http11Exact = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    // The app sees the Host its client asked for (APP.$PAAS_DOMAIN or its domain), as behind Dokku's nginx.
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Transforms =
        [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }];

    public static ProxyConfig Build(RoutingSnapshot snapshot)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var app in snapshot.Apps)
        {
            if (app.Hosts.Count == 0) continue; // a route without hosts would take every host's traffic
            var httpsPort = app.Mappings.FirstOrDefault(m => m.Scheme == "https")?.ListenPort;
            var seenPorts = new HashSet<int>();
            foreach (var mapping in app.Mappings)
            {
                if (mapping.Scheme is not ("http" or "https") || !seenPorts.Add(mapping.ListenPort)) continue;
                var id = string.Create(CultureInfo.InvariantCulture, $"{app.AppId}:{mapping.ListenPort}");
                var redirect = app.RedirectToHttps && mapping.Scheme == "http" ? httpsPort : null;
                routes.Add(new RouteConfig
                {
                    RouteId = id,
                    ClusterId = id,
                    Match = new RouteMatch { Hosts = app.Hosts, Path = "{**catch-all}" },
                    Metadata = new AppEndpoint(app.AppId, app.App, mapping.ListenPort, redirect).ToMetadata(),
                    Transforms = Transforms,
                });
                clusters.Add(new ClusterConfig
                {
                    ClusterId = id,
                    // Every instance of a release is the same: turn by turn reaches all of them,
                    // which is what `ps:scale web=3` promises.
                    LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                    HttpRequest = Http11Exact,
                    Destinations = Destinations(app.Backends, mapping.ContainerPort),
                });
            }
        }
        return new ProxyConfig(routes, clusters);
    }

    private static Dictionary<string, DestinationConfig> Destinations(IReadOnlyList<RouteBackend> backends, int port)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var backend in backends)
        {
            var host = IPAddress.TryParse(backend.Address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{ip}]"
                : backend.Address;
            var name = backend.Instance;
            for (var n = 2; destinations.ContainsKey(name); n++) name = $"{backend.Instance}#{n}";
            destinations[name] = new DestinationConfig { Address = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/") };
        }
        return destinations;
    }
}
