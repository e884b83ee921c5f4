namespace Paas.Core.Routing;

/// <summary>
/// The whole routing table as paasd sees it at one moment: what paas-router serves, and the only
/// thing it reads besides certificate files. paasd writes it to one file, replaced atomically
/// (<see cref="RoutingSnapshotFile"/>), after every change that moves a route (deploy, scale,
/// domain, port, certificate, a container's death); the router swaps its whole config on each new
/// file. <see cref="Revision"/> only grows, so the router can tell paasd which one it serves.
/// </summary>
public sealed record RoutingSnapshot(
    long Revision,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<RouterListener> Listeners,
    IReadOnlyList<AppRoute> Apps)
{
    public static RoutingSnapshot Empty { get; } = new(0, DateTimeOffset.UnixEpoch, [], []);
}

/// <summary>
/// A port the router listens on. <see cref="Port"/> is where it really binds: a mapping's host
/// port, or the port PAAS_HTTP_PORT / PAAS_HTTPS_PORT moved 80 / 443 to. <see cref="Scheme"/> is
/// "http" or "https" (TLS with SNI over the apps' certificates).
/// </summary>
public sealed record RouterListener(string Scheme, int Port);

/// <summary>
/// One app's routes. <see cref="Hosts"/> are exact host names, lower case, without port
/// (APP.$PAAS_DOMAIN first, then the app's domains). <see cref="Mappings"/> say which listener
/// forwards to which container port. <see cref="Backends"/> are the app's healthy web containers;
/// empty means the router answers 503 for these hosts (the app is deploying, crashed or stopped).
/// </summary>
public sealed record AppRoute(
    long AppId,
    string App,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<RouteMapping> Mappings,
    IReadOnlyList<RouteBackend> Backends,
    RouteCertificate? Certificate,
    bool RedirectToHttps);

/// <summary>Requests on the listener <see cref="Scheme"/>:<see cref="ListenPort"/> go to each backend's <see cref="ContainerPort"/>.</summary>
public sealed record RouteMapping(string Scheme, int ListenPort, int ContainerPort);

/// <summary>A container serving the app: <see cref="Instance"/> is "web.1", <see cref="Address"/> its IPv4 address on the bridge.</summary>
public sealed record RouteBackend(string Instance, string Address);

/// <summary>PEM files (certificate chain, private key) paasd keeps for the app; the router loads them for SNI.</summary>
public sealed record RouteCertificate(string CertificateFile, string KeyFile);
