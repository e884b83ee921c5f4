namespace Paas.Runtime.Logs;

/// <summary>
/// Wakes a follower when its app's log dir changes (inotify, through <see cref="FileSystemWatcher"/>),
/// instead of rescanning on a timer. A write only wakes it to read the files it follows; a file
/// created, renamed or deleted (a new container, a rotation, a reopened log) also asks for a
/// rescan of the dir. A lost event (the kernel's queue overflowed) asks for a rescan too.
/// .NET 10 shares one inotify instance among all watchers of the process, so a follower costs one
/// inotify watch, not one of the user's 128 instances. Should even the watch be refused (the
/// user's watch limit), the follower falls back to rescanning on a short timer.
/// </summary>
internal sealed class LogDirWatcher : IDisposable
{
    private static readonly TimeSpan UnwatchedRescan = TimeSpan.FromMilliseconds(250);

    private readonly FileSystemWatcher? _watcher;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private int _rescan;

    public LogDirWatcher(string dir)
    {
        var watcher = new FileSystemWatcher(dir)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Changed += (_, _) => Wake(rescan: false);
        watcher.Created += (_, _) => Wake(rescan: true);
        watcher.Deleted += (_, _) => Wake(rescan: true);
        watcher.Renamed += (_, _) => Wake(rescan: true);
        watcher.Error += (_, _) => Wake(rescan: true);
        try
        {
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (IOException)
        {
            watcher.Dispose();
        }
    }

    /// <summary>Waits for a change, at most <paramref name="timeout"/>; true when the dir must be rescanned.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_watcher is null)
        {
            await Task.Delay(timeout < UnwatchedRescan ? timeout : UnwatchedRescan, ct);
            return true;
        }
        var woken = await _changed.WaitAsync(timeout, ct);
        return !woken || Interlocked.Exchange(ref _rescan, 0) == 1;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void Wake(bool rescan)
    {
        if (rescan) Interlocked.Exchange(ref _rescan, 1);
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // already awake: one wake-up covers every change so far
        catch (ObjectDisposedException) { }
    }
}
