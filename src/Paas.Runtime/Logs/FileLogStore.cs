using System.Runtime.CompilerServices;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// <see cref="ILogStore"/> over $ROOT/logs/&lt;app&gt;/: the k8s-file logs conmon writes per
/// container (active and rotated), merged by time. Follow polls the app dir, so containers that
/// start later (restarts, redeploys) join the stream.
/// </summary>
public sealed class FileLogStore(RuntimePaths paths) : ILogStore
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<IReadOnlyList<LogLine>> TailAsync(string app, int lines, string? processType, CancellationToken ct)
    {
        if (lines <= 0) return [];
        var dir = AppDir(app);
        if (!Directory.Exists(dir)) return [];
        var all = new List<LogLine>();
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => LogFiles.ContainerIdOf(f) is not null))
        {
            var source = LogFiles.ReadMeta(dir, app, LogFiles.ContainerIdOf(file)!);
            if (processType is not null && source.ProcessType != processType) continue;
            string[] raw;
            try { raw = await File.ReadAllLinesAsync(file, ct); }
            catch (FileNotFoundException) { continue; } // rotated away or pruned meanwhile
            all.AddRange(K8sLogFormat.Lines(raw).Select(l => new LogLine(l.Timestamp, l.Stream, app, source.ProcessType, source.ContainerId, l.Text)));
        }
        // Stable sort keeps file order for equal timestamps.
        return all.OrderBy(l => l.Timestamp).TakeLast(lines).ToList();
    }

    public async IAsyncEnumerable<LogLine> FollowAsync(string app, string? processType, [EnumeratorCancellation] CancellationToken ct)
    {
        var dir = AppDir(app);
        var followed = new Dictionary<string, FollowedFile>();
        try
        {
            var first = true;
            while (!ct.IsCancellationRequested)
            {
                var batch = new List<LogLine>();
                if (Directory.Exists(dir))
                {
                    foreach (var file in Directory.EnumerateFiles(dir, "*.log"))
                    {
                        var id = LogFiles.ContainerIdOf(file);
                        if (id is null) continue;
                        var source = LogFiles.ReadMeta(dir, app, id);
                        if (processType is not null && source.ProcessType != processType) continue;
                        if (followed.TryGetValue(file, out var current) && !SameFile(current, file))
                        {
                            // Rotated (maybe several times between two polls): drain the old file through
                            // its handle, open the new active file, then read every segment rotated in
                            // between. The new handle is opened first so a rotation racing with us
                            // shows up as one more segment, never as a gap.
                            batch.AddRange(current.ReadNew());
                            FollowedFile next;
                            try { next = new FollowedFile(file, source, 0); }
                            catch (FileNotFoundException) { continue; }
                            batch.AddRange(ReadSegmentsBetween(dir, id, current.Identity, next.Identity, source));
                            current.Dispose();
                            followed[file] = next;
                        }
                        else if (!followed.ContainsKey(file))
                        {
                            // Files present at the start are followed from their end; new ones from the beginning.
                            var offset = first ? new FileInfo(file).Length : 0;
                            try { followed[file] = new FollowedFile(file, source, offset); }
                            catch (FileNotFoundException) { continue; }
                        }
                    }
                }
                foreach (var f in followed.Values) batch.AddRange(f.ReadNew());
                first = false;
                foreach (var line in batch.OrderBy(l => l.Timestamp)) yield return line;
                try { await Task.Delay(PollInterval, ct); }
                catch (OperationCanceledException) { yield break; }
            }
        }
        finally
        {
            foreach (var f in followed.Values) f.Dispose();
        }
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

    private string AppDir(string app)
    {
        if (!LogFiles.IsValidApp(app)) throw new ArgumentException($"'{app}' is not a valid app name", nameof(app));
        return LogFiles.AppDir(paths, app);
    }
}
