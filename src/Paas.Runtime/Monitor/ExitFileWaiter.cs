namespace Paas.Runtime.Monitor;

/// <summary>
/// Waits for the exit file conmon writes when a container's process has ended. An inotify watch on
/// the exit directory (shared by all containers; the watch passes on only this container's file) wakes the caller the moment the file appears (conmon writes it
/// and renames it into place), where a polling loop would add its interval to every stop and every
/// one-off run. When no watch can be had (the per-user inotify limit, a missing directory) it polls.
/// </summary>
public static class ExitFileWaiter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    // Backstop while watching: an event lost to a full inotify queue still ends the wait.
    private static readonly TimeSpan WatchedRecheck = TimeSpan.FromMilliseconds(250);

    /// <summary>True once <paramref name="exitFile"/> exists; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> WaitAsync(string exitFile, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        if (File.Exists(exitFile)) return true;
        var deadline = time.GetUtcNow() + timeout;
        using var signal = new SemaphoreSlim(0);
        using var watcher = TryWatch(exitFile, signal);
        // Checked again after the watch is armed: the file may have appeared in between.
        while (!File.Exists(exitFile))
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero) return false;
            var step = watcher is null ? PollInterval : WatchedRecheck;
            await signal.WaitAsync(left < step ? left : step, ct);
        }
        return true;
    }

    private static FileSystemWatcher? TryWatch(string exitFile, SemaphoreSlim signal)
    {
        var dir = Path.GetDirectoryName(exitFile)!;
        if (!Directory.Exists(dir)) return null;
        try
        {
            var watcher = new FileSystemWatcher(dir, Path.GetFileName(exitFile))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
            };
            FileSystemEventHandler wake = (_, _) => signal.Release();
            watcher.Created += wake;
            watcher.Changed += wake;
            watcher.Renamed += (_, _) => signal.Release();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (IOException)
        {
            // "The configured user limit on the number of inotify instances has been reached".
            return null;
        }
    }
}
