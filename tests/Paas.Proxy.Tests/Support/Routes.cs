using Paas.Core.Routing;

namespace Paas.Proxy.Tests.Support;

/// <summary>Snapshot parts as paasd would write them, with test defaults.</summary>
public static class Routes
{
    public static AppRoute App(long id, string name, int listenPort, int containerPort, IEnumerable<string> backends,
        IEnumerable<string>? domains = null, string scheme = "http") =>
        new(id, name, [$"{name}.paas.test", .. domains ?? []], [new RouteMapping(scheme, listenPort, containerPort)],
            backends.Select((address, i) => new RouteBackend($"web.{i + 1}", address)).ToList(), null, false);

    /// <summary>The listeners the apps' mappings need.</summary>
    public static IReadOnlyList<RouterListener> ListenersOf(IEnumerable<AppRoute> apps) =>
        apps.SelectMany(a => a.Mappings).Select(m => new RouterListener(m.Scheme, m.ListenPort)).Distinct().OrderBy(l => l.Port).ToList();
}
