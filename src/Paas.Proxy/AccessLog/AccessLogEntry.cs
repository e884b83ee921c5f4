using System.Net;

namespace Paas.Proxy.AccessLog;

/// <summary>One request as the access log records it; formatted off the request path by <see cref="AccessLogWriter"/>.</summary>
internal sealed record AccessLogEntry(
    long AppId,
    string App,
    DateTimeOffset Time,
    string Host,
    string Method,
    string Target,
    string Protocol,
    int Status,
    double DurationMs,
    long Bytes,
    string? RequestId,
    IPAddress? Client,
    string? Backend) : AccessLogRecord(AppId, App, Time)
{
    /// <summary>The id when <see cref="RequestId"/> is null: a fresh one the connection forwarder gave, formatted only here.</summary>
    public Guid NewRequestId { get; init; }

    public override void AppendTo(Utf8LogLine line) => AccessLogLine.Append(line, this);
}
