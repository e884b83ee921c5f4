using System.Runtime.CompilerServices;
using Paas.Core.Containers;
using Paas.Core.Files;

namespace Paas.Runtime.Logs;

/// <summary>
/// <see cref="ILogStore"/> over $ROOT/logs/&lt;app id&gt;/: the k8s-file logs conmon writes per
/// container (active and rotated), merged by time. A tail reads from the end of the files
/// (<see cref="LogTail"/>); a follower sleeps on inotify and rescans the dir when files come and
/// go, so containers that start later (restarts, redeploys) join the stream.
/// </summary>
public sealed class FileLogStore(RuntimePaths paths) : ILogStore
{
    // A safety net only: every change wakes a follower at once.
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(5);

    private readonly LogTail _tail = new(OpenRead);
    private long _scans;

    /// <summary>Bytes read by tails so far (tests hold a tail of a large history to a few blocks).</summary>
    internal long TailBytesRead => _tail.BytesRead;

    /// <summary>Directory scans by followers so far (tests: an idle follower does not poll).</summary>
    internal long FollowerScans => Interlocked.Read(ref _scans);

    public Task<IReadOnlyList<LogLine>> TailAsync(long appId, int lines, string? processType, CancellationToken ct)
    {
        var dir = AppDir(appId);
        if (lines <= 0 || !Directory.Exists(dir)) return Task.FromResult<IReadOnlyList<LogLine>>([]);
        return Task.FromResult<IReadOnlyList<LogLine>>(_tail.Read(dir, lines, processType));
    }

    public async IAsyncEnumerable<LogLine> FollowAsync(long appId, string? processType, [EnumeratorCancellation] CancellationToken ct)
    {
        var dir = AppDir(appId);
        // The app exists (the caller checked): its dir may not yet, but must, to be watched.
        Directory.CreateDirectory(dir);
        using var watcher = new LogDirWatcher(dir);
        var followed = new Dictionary<string, FollowedFile>();
        try
        {
            var first = true;
            var rescan = true;
            while (!ct.IsCancellationRequested)
            {
                var batch = new List<LogLine>();
                // The dir goes with the app (apps:destroy): so does the stream.
                if (rescan && !Scan(dir, followed, batch, first)) yield break;
                foreach (var f in followed.Values)
                {
                    // The monitor opens a container's log before its meta file is written; writing the
                    // meta file wakes no rescan, so a file still without one is asked again here.
                    if (f.Source.ProcessType == LogFiles.UnknownProcessType && LogFiles.ContainerIdOf(f.Path) is { } id)
                        f.Source = LogFiles.ReadMeta(dir, id);
                    batch.AddRange(f.ReadNew());
                }
                first = false;
                foreach (var line in batch.Where(l => processType is null || l.ProcessType == processType).OrderBy(l => l.Timestamp))
                    yield return line;
                try { rescan = await watcher.WaitAsync(RescanInterval, ct); }
                catch (OperationCanceledException) { yield break; }
            }
        }
        finally
        {
            foreach (var f in followed.Values) f.Dispose();
        }
    }

    public Task DeleteAsync(long appId, CancellationToken ct)
    {
        var dir = AppDir(appId);
        try { Directory.Delete(dir, recursive: true); }
        catch (DirectoryNotFoundException) { }
        return Task.CompletedTask;
    }

    /// <summary>Follows the dir's new and rotated files; false when the dir is gone.</summary>
    private bool Scan(string dir, Dictionary<string, FollowedFile> followed, List<LogLine> batch, bool first)
    {
        Interlocked.Increment(ref _scans);
        string[] files;
        try { files = Directory.GetFiles(dir, "*.log"); }
        catch (DirectoryNotFoundException) { return false; }
        foreach (var file in files)
        {
            var id = LogFiles.ContainerIdOf(file);
            if (id is null) continue;
            // Every file is followed, whatever its process type: one without its meta file yet may turn out to be of it.
            var source = LogFiles.ReadMeta(dir, id);
            if (followed.TryGetValue(file, out var current))
            {
                current.Source = source;
                if (SameFile(current, file)) continue;
                // Rotated (maybe several times since the last scan): drain the old file through its
                // handle, open the new active file, then read every segment rotated in between. The
                // new handle is opened first so a rotation racing with us shows up as one more
                // segment, never as a gap.
                batch.AddRange(current.ReadNew());
                FollowedFile next;
                try { next = new FollowedFile(file, source, 0); }
                catch (FileNotFoundException) { continue; }
                batch.AddRange(ReadSegmentsBetween(dir, id, current.Identity, next.Identity, source));
                current.Dispose();
                followed[file] = next;
            }
            else
            {
                // Files present at the start are followed from their end; new ones from the beginning.
                try { followed[file] = new FollowedFile(file, source, first ? new FileInfo(file).Length : 0); }
                catch (FileNotFoundException) { }
            }
        }
        return true;
    }

    /// <summary>Whole segments of a container rotated after <paramref name="drained"/> and before <paramref name="next"/>.</summary>
    private static List<LogLine> ReadSegmentsBetween(string dir, string id, FileIdentity drained, FileIdentity next, LogSource source)
    {
        var lines = new List<LogLine>();
        var segments = Directory.GetFiles(dir, id + ".log.*")
            .Where(f => LogFiles.ContainerIdOf(f) == id && LogFiles.SegmentStamp(f) is not null)
            .OrderBy(f => LogFiles.SegmentStamp(f))
            .ToList();
        var after = false;
        foreach (var segment in segments)
        {
            try
            {
                using var file = new FollowedFile(segment, source, 0);
                if (file.Identity == next) break;
                if (after) lines.AddRange(file.ReadNew());
                else after = file.Identity == drained;
            }
            catch (FileNotFoundException) { } // pruned meanwhile
        }
        return lines;
    }

    /// <summary>The path still names the file we hold open (rotation renames it and conmon creates a new one).</summary>
    private static bool SameFile(FollowedFile followed, string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return FileIdentity.Of(probe) == followed.Identity;
        }
        catch (FileNotFoundException) { return true; }
    }

    private static Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);

    private string AppDir(long appId) => LogFiles.AppDir(paths, LogFiles.AppKey(appId));

    public Task<long> SizeBytesAsync(long appId, CancellationToken ct) => Task.FromResult(DirectorySize.Of(AppDir(appId)));
}
