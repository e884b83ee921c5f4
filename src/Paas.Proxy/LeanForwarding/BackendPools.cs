using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// Idle keep-alive connections per backend address ("http://10.0.0.5:5000/", as in the routing
/// config). Connections are taken last-in first-out, so the warm ones serve and the surplus ages
/// out; one idle longer than <see cref="IdleLimit"/> is closed by the sweep. One idle for more
/// than <see cref="CheckAfter"/> is checked before use (an app server closes keep-alives after its
/// own timeout: gunicorn 2 s, node 5 s); a backend closing one in the very moment it is reused is
/// left to the forwarder's retry.
/// </summary>
internal sealed class BackendPools : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private const long IdleLimit = 60_000;
    private const long CheckAfter = 1_000;
    private const int MaxIdlePerBackend = 256;

    private readonly ConcurrentDictionary<string, Pool> _pools = new(StringComparer.Ordinal);
    private readonly Timer _sweep;

    public BackendPools() => _sweep = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

    public Pool For(string address) => _pools.TryGetValue(address, out var pool) ? pool : _pools.GetOrAdd(address, a => new Pool(Parse(a)));

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var pool in _pools.Values) pool.Clear(long.MaxValue);
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (address, pool) in _pools)
            if (pool.Clear(IdleLimit) == 0 && now - pool.LastUsed > IdleLimit) _pools.TryRemove(address, out _);
    }

    private static IPEndPoint Parse(string address)
    {
        var uri = new Uri(address);
        return new IPEndPoint(IPAddress.Parse(uri.IdnHost.Trim('[', ']')), uri.Port);
    }

    internal sealed class Pool(IPEndPoint endpoint)
    {
        private readonly ConcurrentStack<BackendConnection> _idle = new();
        private int _idleCount; // ConcurrentStack.Count walks the stack

        public long LastUsed { get; private set; } = Environment.TickCount64;

        /// <summary>An idle connection that looks usable, or null.</summary>
        public BackendConnection? TryTake()
        {
            var now = Environment.TickCount64;
            LastUsed = now;
            while (_idle.TryPop(out var connection))
            {
                Interlocked.Decrement(ref _idleCount);
                if (now - connection.IdleSince < CheckAfter || (now - connection.IdleSince < IdleLimit && !connection.IsUnusable()))
                    return connection;
                connection.Dispose();
            }
            return null;
        }

        public async Task<BackendConnection> ConnectAsync(CancellationToken ct)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(endpoint, timeout.Token);
                return new BackendConnection(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public void Return(BackendConnection connection)
        {
            connection.IdleSince = Environment.TickCount64;
            connection.Reused = true;
            if (Interlocked.Increment(ref _idleCount) <= MaxIdlePerBackend)
            {
                _idle.Push(connection);
                return;
            }
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }

        /// <summary>Closes idle connections older than <paramref name="olderThan"/> ms; returns how many stay.</summary>
        public int Clear(long olderThan)
        {
            var now = Environment.TickCount64;
            var keep = new List<BackendConnection>();
            while (_idle.TryPop(out var connection))
            {
                Interlocked.Decrement(ref _idleCount);
                if (now - connection.IdleSince < olderThan) keep.Add(connection);
                else connection.Dispose();
            }
            // Oldest first back in, so the newest stay on top.
            for (var i = keep.Count - 1; i >= 0; i--)
            {
                Interlocked.Increment(ref _idleCount);
                _idle.Push(keep[i]);
            }
            return keep.Count;
        }
    }
}
