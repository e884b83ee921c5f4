namespace Paas.Runtime.Logs;

/// <summary>
/// Wakes a follower when its app's log dir changes (inotify, through <see cref="FileSystemWatcher"/>),
/// instead of rescanning on a timer. A write only wakes it to read the files it follows; a file
/// created, renamed or deleted (a new container, a rotation, a reopened log) also asks for a
/// rescan of the dir. A lost event (the kernel's queue overflowed) asks for a rescan too.
/// </summary>
internal sealed class LogDirWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private int _rescan;

    public LogDirWatcher(string dir)
    {
        _watcher = new FileSystemWatcher(dir)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += (_, _) => Wake(rescan: false);
        _watcher.Created += (_, _) => Wake(rescan: true);
        _watcher.Deleted += (_, _) => Wake(rescan: true);
        _watcher.Renamed += (_, _) => Wake(rescan: true);
        _watcher.Error += (_, _) => Wake(rescan: true);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Waits for a change, at most <paramref name="timeout"/>; true when the dir must be rescanned.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var woken = await _changed.WaitAsync(timeout, ct);
        return !woken || Interlocked.Exchange(ref _rescan, 0) == 1;
    }

    public void Dispose()
    {
        _watcher.Dispose();
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
