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
        var c = CultureInfo.InvariantCulture;
        line.Append(e.Time.UtcDateTime.ToString("O", c)) // yyyy-MM-ddTHH:mm:ss.fffffffZ for a UTC time, and .NET's fastest format
            .Append(" stdout F at=").Append(e.Status >= 500 ? "error" : "info")
            .Append(" method=").Append(e.Method)
            .Append(" path=");
        AppendQuoted(line, e.Target.Length > MaxTargetLength ? e.Target[..MaxTargetLength] + "..." : e.Target);
        line.Append(" host=").Append(e.Host)
            .Append(" request_id=").Append(e.RequestId)
            .Append(" client=").Append(e.Client?.ToString() ?? "-")
            .Append(" backend=").Append(e.Backend ?? "-")
            .Append(" status=").Append(e.Status.ToString(c))
            .Append(" duration=").Append(e.DurationMs.ToString("0.###", c)).Append("ms")
            .Append(" bytes=").Append(e.Bytes.ToString(c))
            .Append(" protocol=").Append(e.Protocol)
            .Append('\n');
    }

    /// <summary>Quotes a value; Kestrel already refused control characters in the request line.</summary>
    private static void AppendQuoted(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (var ch in value)
        {
            if (ch is '"' or '\\') line.Append('\\');
            line.Append(ch);
        }
        line.Append('"');
    }
}
