using Paas.Core.Builds.AppJson;
using Paas.Core.Checks;

namespace Paas.Core.Tests.Checks;

public sealed class CheckPlanTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>> NoAppJson = new Dictionary<string, IReadOnlyList<HealthCheck>>();

    [Fact]
    public void WithoutDeclaredChecks_WebMustListenAndStayUp_OthersMustStayUp()
    {
        var settings = CheckSettings.Defaults with { DefaultWait = TimeSpan.FromSeconds(4) };

        var web = CheckPlan.For("web", NoAppJson, ChecksFile.Empty, settings);
        var worker = CheckPlan.For("worker", NoAppJson, ChecksFile.Empty, settings);

        Assert.Equal((CheckMode.Run, CheckSource.Default, false), (web.Mode, web.Source, web.StopOldFirst));
        Assert.Equal([HealthCheckProbe.Listening, HealthCheckProbe.Uptime], web.Checks.Select(c => c.Probe));
        Assert.Null(web.Checks[0].Port);
        // 50 ms, doubling to 500 ms: 4 waits make 750 ms, then 27 of 500 ms cover default-wait + 10 s (14 s).
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), 32, true),
            (web.Checks[0].Wait, web.Checks[0].WaitLimit, web.Checks[0].Attempts, web.Checks[0].Quiet));
        Assert.Equal([50, 100, 200, 400, 500, 500], Enumerable.Range(1, 6).Select(a => web.Checks[0].WaitAfter(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(4), web.Checks[1].Uptime);
        Assert.Equal(["listening on $PORT", "uptime 4s"], web.Checks.Select(c => c.DisplayName));
        Assert.Equal([HealthCheckProbe.Uptime], worker.Checks.Select(c => c.Probe));
        Assert.Equal(TimeSpan.FromSeconds(10), CheckSettings.Defaults.DefaultWait);
        Assert.Equal(TimeSpan.FromSeconds(60), CheckSettings.Defaults.WaitToRetire);
    }

    [Fact]
    public void AppJsonStartupChecks_WinOverCHECKS_WhichIsForWebOnly()
    {
        var app = AppJsonParser.Parse("""
            { "healthchecks": {
                "web": [ { "path": "/ready" }, { "type": "liveness", "path": "/alive" } ],
                "worker": [ { "type": "readiness", "command": ["true"] } ] } }
            """);
        var checksFile = ChecksFileParser.Parse("/legacy");

        var web = CheckPlan.For("web", app.Healthchecks, checksFile, CheckSettings.Defaults);
        var worker = CheckPlan.For("worker", app.Healthchecks, checksFile, CheckSettings.Defaults);
        var webFromFile = CheckPlan.For("web", NoAppJson, checksFile, CheckSettings.Defaults);
        var clock = CheckPlan.For("clock", NoAppJson, checksFile, CheckSettings.Defaults);

        Assert.Equal((CheckSource.AppJson, "/ready"), (web.Source, Assert.Single(web.Checks).Path));
        Assert.Equal("/alive", Assert.Single(web.NotRun).Path);
        // Only liveness/readiness checks: nothing gates the deploy, so the defaults do.
        Assert.Equal((CheckSource.Default, 1), (worker.Source, worker.NotRun.Count));
        Assert.Equal((CheckSource.ChecksFile, "/legacy"), (webFromFile.Source, Assert.Single(webFromFile.Checks).Path));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 5), (webFromFile.Checks[0].Wait, webFromFile.Checks[0].Timeout, webFromFile.Checks[0].Attempts));
        Assert.Equal(CheckSource.Default, clock.Source);
    }

    [Fact]
    public void Disabled_StopsOldFirst_WithoutChecks_Skipped_HasNoChecks_AndDisabledWins()
    {
        var settings = CheckSettings.Defaults with
        {
            Disabled = ProcessTypeSelection.Of(["worker"]),
            Skipped = ProcessTypeSelection.All,
        };

        var worker = CheckPlan.For("worker", NoAppJson, ChecksFile.Empty, settings);
        var web = CheckPlan.For("web", NoAppJson, ChecksFile.Empty, settings);

        Assert.Equal((CheckMode.Disabled, true, 0), (worker.Mode, worker.StopOldFirst, worker.Checks.Count));
        Assert.Equal((CheckMode.Skipped, false, 0), (web.Mode, web.StopOldFirst, web.Checks.Count));
        Assert.Equal(TimeSpan.Zero, web.MaxDuration);
    }

    [Fact]
    public void MaxDuration_BoundsEveryTryTimingOut()
    {
        var app = AppJsonParser.Parse("""{ "healthchecks": { "web": [ { "path": "/", "attempts": 3, "timeout": 2, "wait": 5, "initialDelay": 1 }, { "uptime": 7 } ] } }""");

        var plan = CheckPlan.For("web", app.Healthchecks, ChecksFile.Empty, CheckSettings.Defaults);

        Assert.Equal(TimeSpan.FromSeconds(1 + 3 * 2 + 2 * 5 + 7), plan.MaxDuration);
    }
}
