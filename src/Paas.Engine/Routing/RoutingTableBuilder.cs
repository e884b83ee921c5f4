using Paas.Core.Apps;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.Routing;
using Paas.Core.State;

namespace Paas.Engine.Routing;

/// <summary>
/// The routing table from the state: per app with a serving release, its host names
/// (APP.$PAAS_DOMAIN, then its domains), its http(s), tcp and udp mappings with the listener ports
/// they land on, and its running web instances of the serving release (less those failing an app.json
/// readiness check: <see cref="Instance.NotReadySince"/>, kept across paasd restarts). A stopped app, or one whose
/// instances all crashed, keeps its hosts with no backends, so the router answers 503 rather than
/// 404 (and closes tcp connections at once, drops udp datagrams). A tcp or udp mapping listens on
/// its host port as it is: the host port belongs to that app alone (PortOperations, and the
/// database's constraint). The http listener of host port 80 is there even with no app.
/// </summary>
public sealed class RoutingTableBuilder(EngineSettings settings)
{
    public const string CertificatesDirectory = "certs";

    public async Task<RoutingTable> BuildAsync(IStateSession s, CancellationToken ct)
    {
        var instances = (await s.Instances.ListAllAsync(ct)).ToLookup(i => i.AppId);
        var certificates = (await s.Certificates.ListAllAsync(ct)).ToDictionary(c => c.AppId);
        var apps = new List<AppRoute>();
        foreach (var app in await s.Apps.ListAsync(ct))
        {
            if (app.ServingRelease is null) continue;
            var ports = await s.Ports.ListAsync(app.Id, ct);
            var certificate = certificates.GetValueOrDefault(app.Id);
            var mappings = ports
                .Where(m => m.Scheme is "http" or "tcp" or "udp" || (m.Scheme is "https" && certificate is not null))
                .Select(m => new RouteMapping(m.Scheme, m.Scheme is "tcp" or "udp" ? m.HostPort : ListenPort(m.HostPort), m.ContainerPort))
                .ToList();
            // A certificate turns HTTPS on at 443 (DESIGN §6) unless an https mapping says where.
            if (certificate is not null && !mappings.Any(m => m.Scheme is "https") && mappings.FirstOrDefault(m => m.Scheme is "http") is { } http)
                mappings.Add(new RouteMapping("https", ListenPort(443), http.ContainerPort));
            mappings = mappings.Distinct().OrderBy(m => m.ListenPort).ThenBy(m => m.Scheme, StringComparer.Ordinal).ToList();
            if (mappings.Count == 0) continue;
            var hosts = new List<string> { $"{app.Name}.{settings.PlatformDomain}".ToLowerInvariant() };
            hosts.AddRange((await s.Domains.ListAsync(app.Id, ct)).Select(d => d.ToLowerInvariant()).Where(d => !hosts.Contains(d)));
            var routeCertificate = certificate is null ? null : CertificateFiles(app.Id);
            var redirect = certificate is not null && await s.AppSettings.GetAsync(app.Id, Certificates.CertificateOperations.RedirectSetting, ct) == "true";
            apps.Add(new AppRoute(app.Id, app.Name, hosts, mappings, Backends(app, instances[app.Id]), routeCertificate, redirect));
        }
        // Port 80 is always served, as Dokku's nginx default site is: before the first deploy, or
        // for an app whose first deploy failed, a browser gets "No such app" rather than a refused
        // connection.
        var listeners = apps.SelectMany(a => a.Mappings).Select(m => new RouterListener(m.Scheme, m.ListenPort))
            .Distinct().OrderBy(l => l.Port).ThenBy(l => l.Scheme, StringComparer.Ordinal).ToList();
        if (!listeners.Any(l => l.Port == settings.HttpListenPort))
            listeners.Insert(listeners.TakeWhile(l => l.Port < settings.HttpListenPort).Count(), new RouterListener("http", settings.HttpListenPort));
        var served = apps.Where(a => a.Certificate is not null).Select(a => certificates[a.AppId]).ToList();
        return new RoutingTable(listeners, apps, served);
    }

    /// <summary>Where the router finds an app's PEM files: written by <see cref="RoutingTableWriter"/> before the snapshot that names them.</summary>
    public RouteCertificate CertificateFiles(long appId)
    {
        var dir = Path.Combine(settings.RouterDirectory ?? "", CertificatesDirectory);
        var name = appId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RouteCertificate(Path.Combine(dir, name + ".crt"), Path.Combine(dir, name + ".key"));
    }

    /// <summary>Running web instances of the serving release, less those failing a readiness check.</summary>
    private static List<RouteBackend> Backends(App app, IEnumerable<Instance> instances) =>
        app.Stopped
            ? []
            : instances
                .Where(i => i.ProcessType == ProcessType.Web && i.ReleaseVersion == app.ServingRelease &&
                            i.State == InstanceState.Running && i.Address is not null && i.NotReadySince is null)
                .OrderBy(i => i.Number)
                .Select(i => new RouteBackend(i.Dyno, i.Address!)).ToList();

    /// <summary>The router port that serves <paramref name="mapping"/>: tcp and udp on their host port, http(s) where <see cref="ListenPort"/> says.</summary>
    public RouterListener ListenerOf(PortMapping mapping) =>
        new(mapping.Scheme, mapping.Scheme is "tcp" or "udp" ? mapping.HostPort : ListenPort(mapping.HostPort));

    /// <summary>For http(s): host port 80 (443) is where PAAS_HTTP_PORT (PAAS_HTTPS_PORT) says; others are themselves.</summary>
    private int ListenPort(int hostPort) => hostPort switch
    {
        80 => settings.HttpListenPort,
        443 => settings.HttpsListenPort,
        _ => hostPort,
    };
}
