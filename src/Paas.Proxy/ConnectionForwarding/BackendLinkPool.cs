using System.Collections.Concurrent;
using System.Net;
using Paas.Proxy.EdgeSockets;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Idle keep-alive connections to one backend address, taken last-in first-out so the warm ones
/// serve and the surplus ages out. At most <see cref="MaxIdle"/> stay idle; more are closed as
/// they come back. One idle longer than <see cref="CheckAfter"/> ms is checked before use (app
/// servers close keep-alives after their own timeout: gunicorn 2 s, node 5 s); one the backend
/// closes in the very moment it is reused is left to the forwarder's retry.
/// <para>
/// A plain stack per epoll loop under one lock: a take and a return per request, held for a few
/// instructions, so the lock is almost never contended, and unlike ConcurrentStack a return
/// allocates no node. A request takes a connection of its own loop first, so its client's and its
/// backend's waits complete on one thread (no hop between threads per request); another loop's
/// when its own has none.
/// </para>
/// </summary>
internal sealed class BackendLinkPool(IPEndPoint endpoint, Watchdog watchdog)
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public const int MaxIdle = 256;
    private const long CheckAfter = 1_000;
    public const long IdleLimit = 60_000;

    private readonly Stack<BackendLink>[] _idle = Enumerable.Range(0, EpollLoop.Count).Select(_ => new Stack<BackendLink>()).ToArray();
    private int _idleCount;

    public IPEndPoint Endpoint { get; } = endpoint;

    /// <summary>An idle connection that looks usable, or null.</summary>
    public BackendLink? TryTake()
    {
        var now = Environment.TickCount64;
        while (Pop() is { } link)
        {
            if (now - link.IdleSince < CheckAfter || (now - link.IdleSince < IdleLimit && !link.IsUnusable())) return link;
            link.Dispose();
        }
        return null;
    }

    public async Task<BackendLink> ConnectAsync()
    {
        var socket = await EdgeSocket.ConnectAsync(Endpoint, ConnectTimeout);
        var link = new BackendLink(socket, this);
        watchdog.Add(link);
        return link;
    }

    public void Return(BackendLink link)
    {
        link.Watch(busy: false);
        link.IdleSince = Environment.TickCount64;
        link.Reused = true;
        lock (_idle)
        {
            if (_idleCount < MaxIdle)
            {
                _idle[link.LoopIndex].Push(link);
                _idleCount++;
                return;
            }
        }
        link.Dispose();
    }

    private BackendLink? Pop()
    {
        var own = EpollLoop.Current?.Index ?? 0;
        lock (_idle)
        {
            for (var i = 0; i < _idle.Length; i++)
            {
                if (_idle[(own + i) % _idle.Length].TryPop(out var link))
                {
                    _idleCount--;
                    return link;
                }
            }
            return null;
        }
    }

    /// <summary>A connection ended: the watchdog no longer looks at it.</summary>
    public void Forget(BackendLink link) => watchdog.Remove(link);

    /// <summary>Closes idle connections older than <paramref name="olderThan"/> ms; returns how many stay.</summary>
    public int Clear(long olderThan)
    {
        var now = Environment.TickCount64;
        var keep = new List<BackendLink>();
        var old = new List<BackendLink>();
        lock (_idle)
        {
            foreach (var stack in _idle)
            {
                var kept = keep.Count;
                while (stack.TryPop(out var link)) (now - link.IdleSince < olderThan ? keep : old).Add(link);
                // Oldest first back in, so the newest stay on top.
                for (var i = keep.Count - 1; i >= kept; i--) stack.Push(keep[i]);
            }
            _idleCount = keep.Count;
        }
        foreach (var link in old) link.Dispose();
        return keep.Count;
    }
}

/// <summary>The pools by backend address, shared by every snapshot's routes; idle ones are swept.</summary>
internal sealed class BackendLinkPools : IDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, BackendLinkPool> _pools = new();
    private readonly Watchdog _watchdog;
    private readonly Timer _sweep;

    public BackendLinkPools(Watchdog watchdog)
    {
        _watchdog = watchdog;
        _sweep = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
    }

    public BackendLinkPool For(IPEndPoint endpoint) => _pools.GetOrAdd(endpoint, e => new BackendLinkPool(e, _watchdog));

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var pool in _pools.Values) pool.Clear(long.MinValue);
    }

    // Pools stay (a few hundred bytes per backend address ever seen): routes hold on to theirs.
    private void Sweep()
    {
        foreach (var pool in _pools.Values) pool.Clear(BackendLinkPool.IdleLimit);
    }
}
