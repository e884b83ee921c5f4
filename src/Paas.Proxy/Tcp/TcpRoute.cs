using System.Net;

namespace Paas.Proxy.Tcp;

/// <summary>One of the app's healthy web containers, at the container port of the tcp mapping.</summary>
internal sealed record TcpBackend(string Instance, IPEndPoint EndPoint);

/// <summary>
/// What a tcp listener port forwards to: one app (a tcp host port belongs to one app only) and its
/// healthy web containers. Immutable like the snapshot it comes from; only the round-robin position
/// moves, shared by the connections that arrive while this route serves.
/// </summary>
internal sealed class TcpRoute(long appId, string app, int listenPort, IReadOnlyList<TcpBackend> backends)
{
    private int _next = -1;

    public long AppId { get; } = appId;

    public string App { get; } = app;

    public int ListenPort { get; } = listenPort;

    public IReadOnlyList<TcpBackend> Backends { get; } = backends;

    /// <summary>
    /// The backends in the order a new connection tries them: turn by turn, as the HTTP routes
    /// balance, then the others in case the first one refuses.
    /// </summary>
    public IEnumerable<TcpBackend> Candidates()
    {
        if (Backends.Count == 0) yield break;
        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)Backends.Count);
        for (var i = 0; i < Backends.Count; i++) yield return Backends[(first + i) % Backends.Count];
    }
}
