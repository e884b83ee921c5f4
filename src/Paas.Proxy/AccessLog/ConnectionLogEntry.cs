using System.Net;

namespace Paas.Proxy.AccessLog;

/// <summary>How a relayed tcp connection ended, as the access log names it.</summary>
internal enum ConnectionOutcome
{
    /// <summary>Both sides finished (each sent its FIN, passed on to the other).</summary>
    Closed,

    /// <summary>The app has no healthy web container: the client's connection was closed at once.</summary>
    NoBackend,

    /// <summary>No backend accepted the connection in time.</summary>
    ConnectFailed,

    /// <summary>Neither side sent a byte for the idle timeout.</summary>
    IdleTimeout,

    /// <summary>One side reset the connection (or failed), so the other was reset too.</summary>
    Reset,

    /// <summary>The router stopped, or the port was removed, before the connection ended.</summary>
    Stopped,

    /// <summary>A udp session ended to make room for a new client (the port's session cap).</summary>
    Evicted,
}

/// <summary>
/// One tcp connection (or udp session, <see cref="Protocol"/> udp) as the access log records it, in the same key=value style as the requests:
/// <c>at=info protocol=tcp port=5432 client=... backend=web.1 outcome=closed duration=... bytes_in=... bytes_out=...</c>.
/// <see cref="BytesIn"/> went from the client to the app, <see cref="BytesOut"/> from the app to the client.
/// </summary>
internal sealed record ConnectionLogEntry(
    long AppId,
    string App,
    DateTimeOffset Time,
    int ListenPort,
    IPAddress? Client,
    string? Backend,
    ConnectionOutcome Outcome,
    double DurationMs,
    long BytesIn,
    long BytesOut,
    string Protocol = "tcp") : AccessLogRecord(AppId, App, Time)
{
    public override void AppendTo(Utf8LogLine line)
    {
        var failed = Outcome is ConnectionOutcome.NoBackend or ConnectionOutcome.ConnectFailed;
        line.Append(Time.UtcDateTime, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'")
            .Append(" stdout F at="u8).Append(failed ? "error"u8 : "info"u8)
            .Append(" protocol="u8).Append(Protocol).Append(" port="u8).Append(ListenPort)
            .Append(" client="u8);
        if (Client is null) line.Append((byte)'-');
        else line.Append(Client);
        line.Append(" backend="u8).Append(Backend ?? "-")
            .Append(" outcome="u8).Append(OutcomeName(Outcome))
            .Append(" duration="u8).Append(DurationMs, "0.###").Append("ms"u8)
            .Append(" bytes_in="u8).Append(BytesIn)
            .Append(" bytes_out="u8).Append(BytesOut)
            .Append((byte)'\n');
    }

    private static string OutcomeName(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.Closed => "closed",
        ConnectionOutcome.NoBackend => "no-backend",
        ConnectionOutcome.ConnectFailed => "connect-failed",
        ConnectionOutcome.IdleTimeout => "idle-timeout",
        ConnectionOutcome.Reset => "reset",
        ConnectionOutcome.Stopped => "stopped",
        ConnectionOutcome.Evicted => "evicted",
        _ => outcome.ToString(),
    };
}
