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

    public static void Append(Utf8LogLine line, AccessLogEntry e)
    {
        line.Append(e.Time.UtcDateTime, "O") // yyyy-MM-ddTHH:mm:ss.fffffffZ for a UTC time, and .NET's fastest format
            .Append(" stdout F at="u8).Append(e.Status >= 500 ? "error"u8 : "info"u8)
            .Append(" method="u8).Append(e.Method)
            .Append(" path="u8);
        AppendQuoted(line, e.Target.AsSpan(0, Math.Min(e.Target.Length, MaxTargetLength)), cut: e.Target.Length > MaxTargetLength);
        line.Append(" host="u8).Append(e.Host)
            .Append(" request_id="u8);
        if (e.RequestId is null) line.Append(e.NewRequestId);
        else line.Append(e.RequestId);
        line.Append(" client="u8);
        if (e.Client is null) line.Append((byte)'-');
        else line.Append(e.Client);
        line.Append(" backend="u8).Append(e.Backend ?? "-")
            .Append(" status="u8).Append(e.Status)
            .Append(" duration="u8).Append(e.DurationMs, "0.###").Append("ms"u8)
            .Append(" bytes="u8).Append(e.Bytes)
            .Append(" protocol="u8).Append(e.Protocol)
            .Append((byte)'\n');
    }

    /// <summary>Quotes a value (ending in "..." when <paramref name="cut"/>); Kestrel already refused control characters in the request line.</summary>
    private static void AppendQuoted(Utf8LogLine line, ReadOnlySpan<char> value, bool cut)
    {
        line.Append((byte)'"');
        while (value.IndexOfAny('"', '\\') is var i and >= 0)
        {
            line.Append(value[..i]).Append((byte)'\\').Append((byte)value[i]);
            value = value[(i + 1)..];
        }
        line.Append(value);
        if (cut) line.Append("..."u8);
        line.Append((byte)'"');
    }
}
