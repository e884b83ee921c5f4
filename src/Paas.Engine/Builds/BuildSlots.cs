namespace Paas.Engine.Builds;

/// <summary>
/// Who may build now: one build per app at a time (a second push of the app waits for the first),
/// and at most a settable number of builds on the host, so pushes of many apps don't starve the
/// apps that serve traffic. Waiters are served as slots free up; a cancelled waiter just leaves.
/// </summary>
public sealed class BuildSlots
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _buildingApps = [];
    private readonly List<TaskCompletionSource> _waiters = [];
    private int _running;

    /// <summary>The build of the app holding its slot now (so a waiter can say whom it waits for); null when none.</summary>
    public long? BuildOf(long appId)
    {
        lock (_lock)
            return _buildingApps.TryGetValue(appId, out var buildId) ? buildId : null;
    }

    public int Running
    {
        get { lock (_lock) return _running; }
    }

    /// <summary>
    /// Takes the app's slot and a host slot, waiting for both. <paramref name="onWait"/> is called
    /// once per reason to wait (another build of the app; the host limit), so the pusher hears why.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(long appId, long buildId, Func<int> limit, Func<BuildWait, Task> onWait, CancellationToken ct)
    {
        var toldApp = false;
        var toldHost = false;
        while (true)
        {
            TaskCompletionSource waiter;
            BuildWait? wait = null;
            lock (_lock)
            {
                if (_buildingApps.TryGetValue(appId, out var other))
                {
                    if (!toldApp) wait = new BuildWait(other, null);
                    toldApp = true;
                }
                else if (_running >= Math.Max(1, limit()))
                {
                    if (!toldHost) wait = new BuildWait(null, _running);
                    toldHost = true;
                }
                else
                {
                    _buildingApps[appId] = buildId;
                    _running++;
                    return new Slot(this, appId);
                }
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(waiter);
            }

            try
            {
                if (wait is not null) await onWait(wait);
                // A periodic recheck covers a limit raised meanwhile (nothing releases then).
                await waiter.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
            }
            catch (TimeoutException)
            {
            }
            finally
            {
                lock (_lock) _waiters.Remove(waiter);
            }
        }
    }

    private void Release(long appId)
    {
        List<TaskCompletionSource> wake;
        lock (_lock)
        {
            _buildingApps.Remove(appId);
            _running--;
            wake = [.. _waiters];
        }
        foreach (var waiter in wake) waiter.TrySetResult();
    }

    private sealed class Slot(BuildSlots slots, long appId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(appId);
        }
    }
}
