using System.Collections.Frozen;
using System.Net;
using Paas.Core.Routing;

namespace Paas.Proxy.Tcp;

/// <summary>
/// The tcp routes of the snapshot serving now, by listener port: swapped whole with each snapshot
/// and read lock-free by every new connection. A connection keeps the backend it was given, so a
/// swap moves only the connections that arrive after it.
/// </summary>
internal sealed class TcpRoutes
{
    public const string Scheme = "tcp";

    private FrozenDictionary<int, TcpRoute> _byPort = FrozenDictionary<int, TcpRoute>.Empty;

    public TcpRoute? Find(int listenPort) => Volatile.Read(ref _byPort).GetValueOrDefault(listenPort);

    /// <summary>Takes the tcp mappings of <paramref name="snapshot"/> (checked: one app per port, see SnapshotProblems).</summary>
    public void Update(RoutingSnapshot snapshot)
    {
        var byPort = new Dictionary<int, TcpRoute>();
        foreach (var app in snapshot.Apps)
            foreach (var mapping in app.Mappings.Where(m => m.Scheme == Scheme))
                byPort.TryAdd(mapping.ListenPort, new TcpRoute(app.AppId, app.App, mapping.ListenPort, Backends(app, mapping.ContainerPort)));
        Volatile.Write(ref _byPort, byPort.ToFrozenDictionary());
    }

    private static List<TcpBackend> Backends(AppRoute app, int containerPort) =>
        app.Backends.Select(b => new TcpBackend(b.Instance, new IPEndPoint(IPAddress.Parse(b.Address), containerPort))).ToList();
}
