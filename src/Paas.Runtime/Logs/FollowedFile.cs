using System.Text;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// An open log file read incrementally: only complete lines are returned, partial records are held
/// until their line is complete. The handle stays valid when rotation renames the file.
/// </summary>
internal sealed class FollowedFile(string path, LogSource source, long startOffset) : IDisposable
{
    private readonly FileStream _stream = OpenAt(path, startOffset);
    private readonly StringBuilder _carry = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly char[] _chars = new char[16 * 1024 + 4];
    // Keeps a character cut between two reads for the next one.
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly Dictionary<LogStream, (DateTimeOffset Timestamp, StringBuilder Text)> _partial = [];

    public string Path { get; } = path;
    public FileIdentity Identity => FileIdentity.Of(_stream);
    /// <summary>Re-read at every scan: a container's meta file may be written just after its log appears.</summary>
    public LogSource Source { get; set; } = source;

    public List<LogLine> ReadNew()
    {
        var lines = new List<LogLine>();
        int read;
        var decoded = new StringBuilder();
        while ((read = _stream.Read(_buffer, 0, _buffer.Length)) > 0)
            decoded.Append(_chars, 0, _decoder.GetChars(_buffer, 0, read, _chars, 0));
        if (decoded.Length == 0) return lines;

        _carry.Append(decoded);
        var text = _carry.ToString();
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline < 0) return lines;
        _carry.Clear().Append(text[(lastNewline + 1)..]);

        foreach (var raw in text[..lastNewline].Split('\n'))
        {
            if (K8sLogFormat.Parse(raw) is not { } record) continue;
            if (record.Partial)
            {
                if (!_partial.TryGetValue(record.Stream, out var p))
                    _partial[record.Stream] = p = (record.Timestamp, new StringBuilder());
                p.Text.Append(record.Text);
                continue;
            }
            var (timestamp, content) = _partial.Remove(record.Stream, out var started)
                ? (started.Timestamp, started.Text.Append(record.Text).ToString())
                : (record.Timestamp, record.Text);
            lines.Add(new LogLine(timestamp, record.Stream, Source.App, Source.ProcessType, Source.ContainerId, content));
        }
        return lines;
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream OpenAt(string path, long offset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return stream;
    }
}
