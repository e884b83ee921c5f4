using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Logs;

/// <summary>
/// Size-based rotation without losing lines: the active file is renamed to &lt;id&gt;.log.&lt;ticks&gt;
/// and conmon is told through its ctl FIFO to reopen (lines written in between land in the
/// renamed file through its still-open handle). Then the app's oldest files go until it fits
/// its budget; a running container's active file is never removed. Call it periodically.
/// </summary>
public sealed class LogRotator(RuntimePaths paths, LogRotationOptions options, TimeProvider time)
{
    /// <summary>Returns how many files were rotated.</summary>
    public Task<int> RotateAsync(CancellationToken ct)
    {
        var rotated = 0;
        if (!Directory.Exists(paths.Logs)) return Task.FromResult(0);
        foreach (var appDir in Directory.EnumerateDirectories(paths.Logs))
        {
            // Not an app: .pending holds the empty logs of conmons started ahead of time.
            if (Path.GetFileName(appDir).StartsWith('.')) continue;
            ct.ThrowIfCancellationRequested();
            foreach (var active in Directory.GetFiles(appDir, "*.log"))
            {
                var id = LogFiles.ContainerIdOf(active);
                if (id is null || new FileInfo(active).Length <= options.MaxFileBytes) continue;
                File.Move(active, $"{active}.{time.GetUtcNow().UtcTicks}");
                var dir = new ContainerDirectory(paths, id);
                ConmonMonitor.ReopenLog(dir.Monitor(active), dir.RecordedMonitor());
                rotated++;
            }
            Prune(appDir);
        }
        return Task.FromResult(rotated);
    }

    /// <summary>Rotates every <paramref name="interval"/> until cancelled (for paasd's hosted service).</summary>
    public async Task RunPeriodicallyAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                // A container deleted mid-rotation makes its files vanish; the next round is clean.
                try { await RotateAsync(ct); }
                catch (IOException) { }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private void Prune(string appDir)
    {
        var files = Directory.GetFiles(appDir)
            .Where(f => LogFiles.ContainerIdOf(f) is not null)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.LastWriteTimeUtc)
            .ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= options.MaxAppBytes) break;
            if (LogFiles.IsActive(file.FullName) && IsLive(LogFiles.ContainerIdOf(file.FullName)!)) continue;
            total -= file.Length;
            file.Delete();
        }
        // Meta files of containers with no log left.
        foreach (var meta in Directory.GetFiles(appDir, "*.meta.json"))
        {
            var id = Path.GetFileName(meta)[..^".meta.json".Length];
            if (!Directory.EnumerateFiles(appDir, id + ".log*").Any()) File.Delete(meta);
        }
    }

    private bool IsLive(string id) => new ContainerDirectory(paths, id).RecordedMonitor()?.IsAlive() == true;
}
