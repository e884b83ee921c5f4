using Paas.Core.Apps;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.Routing;
using Paas.Core.State;

namespace Paas.Engine.Routing;

/// <summary>
/// The routing table from the state: per app with a serving release, its host names
/// (APP.$PAAS_DOMAIN, then its domains), its http(s) mappings with the listener ports they land on,
/// and its running web instances of the serving release. A stopped app, or one whose instances all
/// crashed, keeps its hosts with no backends, so the router answers 503 rather than 404.
/// </summary>
public sealed class RoutingTableBuilder(EngineSettings settings)
{
    public async Task<(IReadOnlyList<RouterListener> Listeners, IReadOnlyList<AppRoute> Apps)> BuildAsync(IStateSession s, CancellationToken ct)
    {
        var instances = (await s.Instances.ListAllAsync(ct)).ToLookup(i => i.AppId);
        var apps = new List<AppRoute>();
        foreach (var app in await s.Apps.ListAsync(ct))
        {
            if (app.ServingRelease is null) continue;
            var mappings = (await s.Ports.ListAsync(app.Id, ct))
                .Where(m => m.Scheme is "http")
                .Select(m => new RouteMapping(m.Scheme, ListenPort(m.HostPort), m.ContainerPort))
                .Distinct()
                .OrderBy(m => m.ListenPort).ToList();
            if (mappings.Count == 0) continue;
            var hosts = new List<string> { $"{app.Name}.{settings.PlatformDomain}".ToLowerInvariant() };
            hosts.AddRange((await s.Domains.ListAsync(app.Id, ct)).Select(d => d.ToLowerInvariant()).Where(d => !hosts.Contains(d)));
            apps.Add(new AppRoute(app.Id, app.Name, hosts, mappings, Backends(app, instances[app.Id]), null, false));
        }
        var listeners = apps.SelectMany(a => a.Mappings).Select(m => new RouterListener(m.Scheme, m.ListenPort))
            .Distinct().OrderBy(l => l.Port).ToList();
        return (listeners, apps);
    }

    private static List<RouteBackend> Backends(App app, IEnumerable<Instance> instances) =>
        app.Stopped
            ? []
            : instances
                .Where(i => i.ProcessType == ProcessType.Web && i.ReleaseVersion == app.ServingRelease &&
                            i.State == InstanceState.Running && i.Address is not null)
                .OrderBy(i => i.Number)
                .Select(i => new RouteBackend(i.Dyno, i.Address!)).ToList();

    /// <summary>Host port 80 (443) is where PAAS_HTTP_PORT (PAAS_HTTPS_PORT) says; others are themselves.</summary>
    private int ListenPort(int hostPort) => hostPort switch
    {
        80 => settings.HttpListenPort,
        443 => settings.HttpsListenPort,
        _ => hostPort,
    };
}
