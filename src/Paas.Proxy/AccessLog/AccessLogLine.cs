using System.Globalization;
using System.Text;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// An access log entry as a record of conmon's k8s-file format, the one every other log line of
/// the app is in: <c>&lt;RFC 3339 time&gt; stdout F &lt;text&gt;</c>. The text follows Heroku's router
/// lines (key=value, quoted where a value may hold spaces), so <c>paas logs APP -p router</c>
/// reads like <c>heroku logs -p router</c>.
/// </summary>
internal static class AccessLogLine
{
    // A request target can be up to Kestrel's 8 KB request line; a log line need not.
    private const int MaxTargetLength = 2048;

    public static void Append(StringBuilder line, AccessLogEntry e)
    {
        // Interpolated appends format into the builder: no string per field (this runs once per request).
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{e.Time.UtcDateTime:O}") // yyyy-MM-ddTHH:mm:ss.fffffffZ for a UTC time, and .NET's fastest format
            .Append(" stdout F at=").Append(e.Status >= 500 ? "error" : "info")
            .Append(" method=").Append(e.Method)
            .Append(" path=");
        AppendQuoted(line, e.Target.AsSpan(0, Math.Min(e.Target.Length, MaxTargetLength)), cut: e.Target.Length > MaxTargetLength);
        line.Append(" host=").Append(e.Host)
            .Append(" request_id=").Append(e.RequestId)
            .Append(" client=");
        if (e.Client is null) line.Append('-');
        else line.Append(c, $"{e.Client}");
        line.Append(" backend=").Append(e.Backend ?? "-")
            .Append(c, $" status={e.Status} duration={e.DurationMs:0.###}ms bytes={e.Bytes}")
            .Append(" protocol=").Append(e.Protocol)
            .Append('\n');
    }

    /// <summary>Quotes a value (ending in "..." when <paramref name="cut"/>); Kestrel already refused control characters in the request line.</summary>
    private static void AppendQuoted(StringBuilder line, ReadOnlySpan<char> value, bool cut)
    {
        line.Append('"');
        foreach (var ch in value)
        {
            if (ch is '"' or '\\') line.Append('\\');
            line.Append(ch);
        }
        if (cut) line.Append("...");
        line.Append('"');
    }
}
