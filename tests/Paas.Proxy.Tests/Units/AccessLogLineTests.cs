using System.Net;
using Paas.Core.Containers;
using Paas.Proxy.AccessLog;
using Paas.Runtime.Logs;

namespace Paas.Proxy.Tests.Units;

public sealed class AccessLogLineTests
{
    [Fact]
    public void Line_IsAFullStdoutRecordOfConmonsFormat_WithQuotesEscaped()
    {
        var time = new DateTimeOffset(2026, 12, 2, 10, 11, 12, 345, TimeSpan.Zero);
        var entry = new AccessLogEntry(1, "shop", time, "shop.example", "POST", "/say?q=\"hi\"\\", "https", 502, 12.3456, 915,
            "8601b555-6a83-4c12-8269-97c8e32cdb22", IPAddress.Parse("203.0.113.9"), "web.2");
        var line = new Utf8LogLine();

        AccessLogLine.Append(line, entry);

        Assert.EndsWith("\n", line.ToString());
        var record = K8sLogFormat.Parse(line.ToString().TrimEnd('\n'));
        Assert.NotNull(record);
        Assert.Equal(time, record.Timestamp);
        Assert.Equal(LogStream.Stdout, record.Stream);
        Assert.False(record.Partial);
        Assert.Equal(
            "at=error method=POST path=\"/say?q=\\\"hi\\\"\\\\\" host=shop.example request_id=8601b555-6a83-4c12-8269-97c8e32cdb22 " +
            "client=203.0.113.9 backend=web.2 status=502 duration=12.346ms bytes=915 protocol=https",
            record.Text);
    }

    [Fact]
    public void Line_OfTheConnectionForwarder_WritesItsFreshIdFromTheGuid()
    {
        var id = Guid.Parse("8601b555-6a83-4c12-8269-97c8e32cdb22");
        var entry = new AccessLogEntry(1, "shop", DateTimeOffset.UtcNow, "shop.example", "GET", "/", "http", 200, 1, 2, null, null, "web.1") { NewRequestId = id };
        var line = new Utf8LogLine();

        AccessLogLine.Append(line, entry);

        Assert.Contains(" request_id=8601b555-6a83-4c12-8269-97c8e32cdb22 client=- backend=web.1 ", line.ToString());
    }

    [Fact]
    public void ConnectionLine_IsAStdoutRecord_WithTheBytesEachWayAndHowItEnded()
    {
        var time = new DateTimeOffset(2026, 12, 2, 10, 11, 12, 345, TimeSpan.Zero);
        var entry = new ConnectionLogEntry(1, "db", time, 7432, IPAddress.Parse("203.0.113.9"), "web.1", ConnectionOutcome.IdleTimeout, 600000.5, 1234, 56789);
        var line = new Utf8LogLine();

        entry.AppendTo(line);

        var record = K8sLogFormat.Parse(line.ToString().TrimEnd('\n'));
        Assert.NotNull(record);
        Assert.Equal(time, record.Timestamp);
        Assert.Equal(
            "at=info protocol=tcp port=7432 client=203.0.113.9 backend=web.1 outcome=idle-timeout duration=600000.5ms bytes_in=1234 bytes_out=56789",
            record.Text);
    }
}
