using System.Globalization;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// conmon's k8s-file lines: "&lt;RFC3339Nano with offset&gt; &lt;stdout|stderr&gt; &lt;F|P&gt; &lt;text&gt;"
/// (REFERENCE §4.1). .NET parses at most 7 fractional digits, so nanoseconds are cut to ticks.
/// </summary>
public static class K8sLogFormat
{
    public static K8sLogRecord? Parse(string line)
    {
        var first = line.IndexOf(' ');
        if (first < 0) return null;
        var second = line.IndexOf(' ', first + 1);
        if (second < 0) return null;
        var third = line.IndexOf(' ', second + 1);
        var tag = third < 0 ? line[(second + 1)..] : line[(second + 1)..third];
        var text = third < 0 ? "" : line[(third + 1)..];
        if (!TryParseTimestamp(line[..first], out var timestamp)) return null;
        var stream = line[(first + 1)..second] switch
        {
            "stdout" => LogStream.Stdout,
            "stderr" => LogStream.Stderr,
            _ => (LogStream?)null,
        };
        if (stream is null || tag.Length == 0) return null;
        return new K8sLogRecord(timestamp, stream.Value, tag[0] == 'P', text);
    }

    public static bool TryParseTimestamp(string s, out DateTimeOffset timestamp)
    {
        var dot = s.IndexOf('.');
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
            var fraction = s[(dot + 1)..end];
            if (fraction.Length > 7) s = s[..(dot + 1)] + fraction[..7] + s[end..];
        }
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp);
    }

    /// <summary>Joins partial records into whole lines, in file order.</summary>
    public static IEnumerable<(DateTimeOffset Timestamp, LogStream Stream, string Text)> Lines(IEnumerable<string> rawLines)
    {
        var pending = new Dictionary<LogStream, (DateTimeOffset Timestamp, System.Text.StringBuilder Text)>();
        foreach (var raw in rawLines)
        {
            if (Parse(raw) is not { } record) continue;
            if (record.Partial)
            {
                if (!pending.TryGetValue(record.Stream, out var p))
                    pending[record.Stream] = p = (record.Timestamp, new System.Text.StringBuilder());
                p.Text.Append(record.Text);
                continue;
            }
            if (pending.Remove(record.Stream, out var started))
                yield return (started.Timestamp, record.Stream, started.Text.Append(record.Text).ToString());
            else
                yield return (record.Timestamp, record.Stream, record.Text);
        }
        foreach (var (stream, p) in pending) yield return (p.Timestamp, stream, p.Text.ToString());
    }
}
