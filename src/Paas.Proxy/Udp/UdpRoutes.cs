using System.Collections.Frozen;
using System.Net;
using Paas.Core.Routing;

namespace Paas.Proxy.Udp;

/// <summary>One of the app's healthy web containers, at the container port of the udp mapping.</summary>
internal sealed record UdpBackend(string Instance, IPEndPoint EndPoint);

/// <summary>
/// What a udp listener port forwards to: one app (a udp host port belongs to one app only) and its
/// healthy web containers, as of one snapshot. A session remembers the route it was pointed with,
/// so a datagram arriving after a swap finds a different route object and re-points its session.
/// </summary>
internal sealed class UdpRoute(long appId, string app, IReadOnlyList<UdpBackend> backends)
{
    private int _next = -1;

    public long AppId { get; } = appId;

    public string App { get; } = app;

    public IReadOnlyList<UdpBackend> Backends { get; } = backends;

    /// <summary>The backend for a new session, turn by turn like the tcp relay; null when the app has none.</summary>
    public UdpBackend? Next() =>
        Backends.Count == 0 ? null : Backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)Backends.Count)];
}

/// <summary>The udp routes of the snapshot serving now, by listener port: swapped whole with each snapshot, read lock-free per datagram.</summary>
internal sealed class UdpRoutes
{
    public const string Scheme = "udp";

    private FrozenDictionary<int, UdpRoute> _byPort = FrozenDictionary<int, UdpRoute>.Empty;

    public UdpRoute? Find(int listenPort) => Volatile.Read(ref _byPort).GetValueOrDefault(listenPort);

    /// <summary>Takes the udp mappings of <paramref name="snapshot"/> (checked: one app per port, see SnapshotProblems).</summary>
    public void Update(RoutingSnapshot snapshot)
    {
        var byPort = new Dictionary<int, UdpRoute>();
        foreach (var app in snapshot.Apps)
            foreach (var mapping in app.Mappings.Where(m => m.Scheme == Scheme))
                byPort.TryAdd(mapping.ListenPort, new UdpRoute(app.AppId, app.App,
                    app.Backends.Select(b => new UdpBackend(b.Instance, new IPEndPoint(IPAddress.Parse(b.Address), mapping.ContainerPort))).ToList()));
        Volatile.Write(ref _byPort, byPort.ToFrozenDictionary());
    }
}
