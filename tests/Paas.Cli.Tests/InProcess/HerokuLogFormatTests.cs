using Paas.Cli.Commands.Logs;
using Paas.Core.Containers;

namespace Paas.Cli.Tests.InProcess;

public sealed class HerokuLogFormatTests
{
    [Fact]
    public void Format_IsHerokus_WithMicrosecondsInUtc_AndTheProcessType()
    {
        var at = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);
        var line = new LogLine(at, LogStream.Stdout, "demo", "web", "c1", "Listening on 5000");

        Assert.Equal("2026-11-23T17:00:00.123456+00:00 app[web]: Listening on 5000", HerokuLogFormat.Format(line));
    }

    [Fact]
    public void Format_OfStderr_ReadsLikeStdout()
    {
        var at = DateTimeOffset.UnixEpoch;
        var stdout = new LogLine(at, LogStream.Stdout, "demo", "worker", "c1", "x");
        var stderr = stdout with { Stream = LogStream.Stderr };

        Assert.Equal(HerokuLogFormat.Format(stdout), HerokuLogFormat.Format(stderr));
    }

    [Fact]
    public void Format_OfThePlatformsCheckLines_IsPaasChecks_NotAnAppProcess()
    {
        var at = DateTimeOffset.UnixEpoch;
        var platform = new LogLine(at, LogStream.Stdout, "demo", IPlatformLog.Checks, IPlatformLog.Checks, "web.1 failed its readiness check");
        // An app's own process type named "checks" is still the app's.
        var app = platform with { ContainerId = "c0ffee" };

        Assert.Equal("1970-01-01T00:00:00.000000+00:00 paas[checks]: web.1 failed its readiness check", HerokuLogFormat.Format(platform));
        Assert.Equal("1970-01-01T00:00:00.000000+00:00 app[checks]: web.1 failed its readiness check", HerokuLogFormat.Format(app));
    }
}
