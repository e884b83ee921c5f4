using System.Net;
using System.Text;

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
    public override void AppendTo(StringBuilder line)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var failed = Outcome is ConnectionOutcome.NoBackend or ConnectionOutcome.ConnectFailed;
        line.Append(Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", c))
            .Append(" stdout F at=").Append(failed ? "error" : "info")
            .Append(" protocol=").Append(Protocol).Append(" port=").Append(ListenPort.ToString(c))
            .Append(" client=").Append(Client?.ToString() ?? "-")
            .Append(" backend=").Append(Backend ?? "-")
            .Append(" outcome=").Append(OutcomeName(Outcome))
            .Append(" duration=").Append(DurationMs.ToString("0.###", c)).Append("ms")
            .Append(" bytes_in=").Append(BytesIn.ToString(c))
            .Append(" bytes_out=").Append(BytesOut.ToString(c))
            .Append('\n');
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
