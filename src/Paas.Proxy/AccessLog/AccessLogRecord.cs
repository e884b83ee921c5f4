namespace Paas.Proxy.AccessLog;

/// <summary>
/// Something the access log records for an app: an HTTP request (<see cref="AccessLogEntry"/>) or a
/// tcp connection (<see cref="ConnectionLogEntry"/>). Queued on the traffic's path, formatted off it
/// by <see cref="AccessLogWriter"/>.
/// </summary>
internal abstract record AccessLogRecord(long AppId, string App, DateTimeOffset Time)
{
    /// <summary>Appends the record as one line of the app's log, newline included.</summary>
    public abstract void AppendTo(Utf8LogLine line);
}
