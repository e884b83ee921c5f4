using System.Text;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// The last lines of an app's history, read from the end: per container from its newest file
/// backwards, in blocks that double until enough whole lines are found, and only as far back as
/// can still matter. A file (or a container) whose last write is older than the oldest of the
/// lines already kept cannot contribute, so an app with 100 MB of history answers <c>-n 100</c>
/// from a few blocks. Counts what it reads (<see cref="BytesRead"/>) so tests can hold it to that.
/// </summary>
internal sealed class LogTail(Func<string, Stream> open)
{
    private const int FirstBlock = 16 * 1024;

    // A line is stamped when conmon reads it and the file's mtime when it is written: allow for
    // clock granularity between the two.
    private static readonly TimeSpan MtimeSlack = TimeSpan.FromSeconds(2);

    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public List<LogLine> Read(string appDir, int count, string? processType)
    {
        var containers = Directory.EnumerateFiles(appDir)
            .Select(f => (File: f, Id: LogFiles.ContainerIdOf(f)))
            .Where(f => f.Id is not null)
            .GroupBy(f => f.Id!, f => new LogFileInfo(f.File))
            .Select(g => (Id: g.Key, Files: g.OrderByDescending(f => f.Order).ToList()))
            .OrderByDescending(c => c.Files.Max(f => f.LastWrite))
            .ToList();

        var kept = new List<LogLine>();
        foreach (var (id, files) in containers)
        {
            if (CannotContribute(kept, count, files.Max(f => f.LastWrite))) break;
            var source = LogFiles.ReadMeta(appDir, id);
            if (processType is not null && source.ProcessType != processType) continue;
            var lines = new List<LogLine>();
            foreach (var file in files)
            {
                if (lines.Count >= count || CannotContribute(kept, count, file.LastWrite)) break;
                List<LogLine> read;
                try { read = ReadLast(file.Path, count - lines.Count, source); }
                catch (FileNotFoundException) { continue; } // rotated away or pruned meanwhile
                lines.InsertRange(0, read);
            }
            // Stable sort keeps file order for equal timestamps.
            kept = kept.Concat(lines).OrderBy(l => l.Timestamp).TakeLast(count).ToList();
        }
        return kept;
    }

    private static bool CannotContribute(List<LogLine> kept, int count, DateTimeOffset lastWrite) =>
        kept.Count >= count && lastWrite + MtimeSlack < kept[0].Timestamp;

    /// <summary>The last <paramref name="want"/> whole lines of one file, in file order.</summary>
    private List<LogLine> ReadLast(string path, int want, LogSource source)
    {
        using var stream = open(path);
        var end = stream.Length;
        var start = end;
        var block = FirstBlock;
        byte[] window = [];
        while (true)
        {
            var from = Math.Max(0, start - block);
            var chunk = new byte[start - from];
            stream.Seek(from, SeekOrigin.Begin);
            stream.ReadExactly(chunk);
            Interlocked.Add(ref _bytesRead, chunk.Length);
            window = [.. chunk, .. window];
            start = from;
            var lines = Lines(window, startsMidFile: start > 0, source);
            if (lines.Count >= want || start == 0) return lines.TakeLast(want).ToList();
            block *= 2;
        }
    }

    /// <summary>
    /// Whole lines of a window of the file. A window that starts mid-file may cut a record and
    /// the partial (P) records of a line: up to the first full (F) record of each stream, what
    /// it sees may be the end of a longer line, so that is dropped. A last record without its
    /// newline is still being written and waits too.
    /// </summary>
    private static List<LogLine> Lines(byte[] window, bool startsMidFile, LogSource source)
    {
        var text = Encoding.UTF8.GetString(window);
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0) return [];
        var firstLine = startsMidFile ? text.IndexOf('\n') + 1 : 0;
        if (firstLine > lastNewline) return [];
        var records = text[firstLine..lastNewline].Split('\n');
        IEnumerable<string> raw = records;
        if (startsMidFile)
        {
            var settled = new HashSet<LogStream>();
            raw = records.Where(r => Keep(r, settled));
        }
        return K8sLogFormat.Lines(raw)
            .Select(l => new LogLine(l.Timestamp, l.Stream, source.App, source.ProcessType, source.ContainerId, l.Text))
            .ToList();
    }

    /// <summary>Drops each stream's records up to and including its first full record.</summary>
    private static bool Keep(string record, HashSet<LogStream> settled)
    {
        if (K8sLogFormat.Parse(record) is not { } r) return false;
        if (settled.Contains(r.Stream)) return true;
        if (!r.Partial) settled.Add(r.Stream);
        return false;
    }

    private sealed record LogFileInfo(string Path)
    {
        public DateTimeOffset LastWrite { get; } = new(File.GetLastWriteTimeUtc(Path), TimeSpan.Zero);

        /// <summary>Newest first: the active file, then rotated segments by their stamp.</summary>
        public long Order { get; } = LogFiles.SegmentStamp(Path) ?? long.MaxValue;
    }
}
