using System.Collections.Concurrent;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>Something with a deadline the <see cref="Watchdog"/> enforces.</summary>
internal interface IWatched
{
    /// <summary>Environment.TickCount64 after which <see cref="Expire"/> is called; 0 for none.</summary>
    long Deadline { get; }

    void Expire();
}

/// <summary>
/// Timeouts without a timer per request: a connection only stores its deadline (one field write),
/// and one timer looks at every registered connection once a second. A timer per read costs about
/// a microsecond per request in .NET (CancellationTokenSource.CancelAfter and its reset); timeouts
/// of seconds to minutes need no better than a second's precision.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly ConcurrentDictionary<IWatched, byte> _watched = new(ReferenceEqualityComparer.Instance);
    private readonly Timer _timer;

    public Watchdog() => _timer = new Timer(_ => Check(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public void Add(IWatched item) => _watched.TryAdd(item, 0);

    public void Remove(IWatched item) => _watched.TryRemove(item, out _);

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var now = Environment.TickCount64;
        foreach (var item in _watched.Keys)
        {
            var deadline = item.Deadline;
            if (deadline != 0 && now > deadline)
            {
                _watched.TryRemove(item, out _);
                item.Expire();
            }
        }
    }
}
