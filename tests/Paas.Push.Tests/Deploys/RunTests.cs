using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>`paas run` and `paas enter` against a deployed app: output streamed, exit codes passed on, the app's environment.</summary>
[Collection(PushCollection.Name)]
public sealed class RunTests(PushHost host)
{
    [Fact]
    public async Task Run_StreamsTheOutput_WithTheAppsConfig_AndPassesTheExitCodeOn()
    {
        var app = await host.CreateAppAsync("oneoff");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        await host.SetConfigAsync(app, "GREETING", "hi");

        var shell = await host.Paasd.PaasAsync(["run", app, "echo \"$GREETING $DYNO\"; echo oops >&2; cat VERSION"]);
        var argv = await host.Paasd.PaasAsync(["run", app, "--env", "EXTRA=more", "printenv", "EXTRA"]);
        var dashed = await host.Paasd.PaasAsync(["run", app, "ls", "-a", "bin"]);
        var failing = await host.Paasd.PaasAsync(["run", app, "exit 3"]);

        Assert.True(shell.ExitCode == 0, shell.StandardError);
        Assert.Matches(@"^hi run\.\d+\n1\n$", shell.StandardOutput);
        Assert.Contains("oops", shell.StandardError);
        Assert.Equal(("more\n", 0), (argv.StandardOutput, argv.ExitCode));
        Assert.Contains("web", dashed.StandardOutput);
        Assert.Equal(3, failing.ExitCode);
    }

    [Fact]
    public async Task Enter_RunsInTheRunningInstance_AndRefusesOneThatIsNot()
    {
        var app = await host.CreateAppAsync("enter");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);

        var inside = await host.Paasd.PaasAsync(["enter", app, "web.1", "echo $DYNO $PORT"]);
        var missing = await host.Paasd.PaasAsync(["enter", app, "web.9", "true"]);
        var undeployed = await host.Paasd.PaasAsync(["run", await host.CreateAppAsync("empty"), "true"]);

        Assert.Equal(("web.1 5000\n", 0), (inside.StandardOutput, inside.ExitCode));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no running instance 'web.9'", missing.StandardError);
        Assert.NotEqual(0, undeployed.ExitCode);
        Assert.Contains("push code first", undeployed.StandardError);
    }

    [Fact]
    public async Task ChecksRun_ChecksTheRunningInstancesNow()
    {
        var app = await host.CreateAppAsync("checknow");
        using var work = await VersionedApp.CreateAsync(1, VersionedApp.HealthCheckedAppJson);
        await host.PushAsync(work, app);

        var all = await host.Paasd.PaasAsync(["checks:run", app]);
        var missing = await host.Paasd.PaasAsync(["checks:run", app, "web.7"]);

        Assert.True(all.ExitCode == 0, all.StandardError);
        Assert.Contains("Checking web.1 (AppJson)", all.StandardOutput);
        Assert.Contains("web.1: all checks passed", all.StandardOutput);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no running instance 'web.7'", missing.StandardError);
    }

    [Fact]
    public async Task PsSet_ValidatesAndStores_AndPsReportShowsIt()
    {
        var app = await host.CreateAppAsync("psset");

        var policy = await host.Paasd.PaasAsync(["ps:set", app, "restart-policy", "on-failure:3"]);
        var timeout = await host.Paasd.PaasAsync(["ps:set", app, "stop-timeout", "5"]);
        var badPolicy = await host.Paasd.PaasAsync(["ps:set", app, "restart-policy", "sometimes"]);
        var badKey = await host.Paasd.PaasAsync(["ps:set", app, "colour", "blue"]);
        var report = await host.ReportAsync(app);

        Assert.True(policy.ExitCode == 0 && timeout.ExitCode == 0, policy.StandardError + timeout.StandardError);
        Assert.NotEqual(0, badPolicy.ExitCode);
        Assert.Contains("restart policy 'sometimes' is invalid", badPolicy.StandardError);
        Assert.NotEqual(0, badKey.ExitCode);
        Assert.Contains("unknown ps setting 'colour'", badKey.StandardError);
        Assert.Equal(("on-failure:3", 5), (report.RestartPolicy, report.StopTimeoutSeconds));
    }
}
