using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class ChecksCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task ChecksSet_ThenReport_ShowsEachValueAndWhereItComesFrom()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunAsync("checks:set", app, "wait-to-retire", "30");
        var report = await _cli.RunAsync("checks:report", app);
        var unset = await _cli.RunAsync("checks:set", app, "wait-to-retire");
        var json = await _cli.RunAsync("checks:report", app, "--format", "json");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal($"-----> Set the checks wait-to-retire of {app} to 30\n", set.Stdout);
        Assert.Contains($"=====> {app} checks information\n", report.Stdout);
        Assert.Matches(@"Checks disabled list:\s+none\n", report.Stdout);
        Assert.Matches(@"Checks skipped list:\s+none\n", report.Stdout);
        Assert.Matches(@"Checks wait to retire:\s+30\n", report.Stdout);
        Assert.Matches(@"Checks default wait:\s+10 \(default\)\n", report.Stdout);
        Assert.Matches(@"Checks attempts:\s+5 \(default\)\n", report.Stdout);
        Assert.Equal($"-----> Unset the checks wait-to-retire of {app} (the global value or the default applies)\n", unset.Stdout);
        Assert.Contains("\"key\":\"wait-to-retire\",\"value\":60,\"source\":\"default\"", json.Stdout);
    }

    [Fact]
    public async Task DisableSkipEnable_SayWhatTheyDid_AndTheListsAfter()
    {
        var app = await _cli.CreateAppAsync();

        var disable = await _cli.RunAsync("checks:disable", app, "worker");
        var skip = await _cli.RunAsync("checks:skip", app, "web,clock");
        var enable = await _cli.RunAsync("checks:enable", app);

        Assert.True(disable.ExitCode == 0, disable.ToString());
        Assert.Equal(
            $"-----> Disabling zero downtime for app's ({app}) proctypes (worker)\n" +
            "       Checks disabled list: worker\n" +
            "       Checks skipped list: none\n", disable.Stdout);
        Assert.Equal(
            $"-----> Skipping zero downtime for app's ({app}) proctypes (web,clock)\n" +
            "       Checks disabled list: worker\n" +
            "       Checks skipped list: clock,web\n", skip.Stdout);
        Assert.Equal(
            $"-----> Enabling zero downtime for app ({app})\n" +
            "       Checks disabled list: none\n" +
            "       Checks skipped list: none\n", enable.Stdout);
    }

    [Fact]
    public async Task BadInput_ExitsOne_SayingWhy()
    {
        var app = await _cli.CreateAppAsync();

        var value = await _cli.RunInProcessAsync("checks:set", app, "attempts", "lots");
        var key = await _cli.RunInProcessAsync("checks:set", app, "retire", "5");
        var type = await _cli.RunInProcessAsync("checks:skip", app, "Web");
        var noKey = await _cli.RunInProcessAsync("checks:set", app);

        Assert.Equal(1, value.ExitCode);
        Assert.Contains("attempts 'lots' is not a whole number from 1 to 100", value.Stderr);
        Assert.Contains("unknown checks setting 'retire': use wait-to-retire, default-wait, wait, timeout, attempts", key.Stderr);
        Assert.Contains("process type 'Web' is invalid", type.Stderr);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("give APP KEY [VALUE]", noKey.Stderr);
    }

    [Fact]
    public async Task Global_AppliesToAppsWithoutTheirOwnValue()
    {
        var app = await _cli.CreateAppAsync();
        try
        {
            var set = await _cli.RunAsync("checks:set", "--global", "default-wait", "3");
            var report = await _cli.RunInProcessAsync("checks:report", app);
            var unset = await _cli.RunAsync("checks:set", "--global", "default-wait");
            var after = await _cli.RunInProcessAsync("checks:report", app);

            Assert.Equal("-----> Set the global checks default-wait to 3\n", set.Stdout);
            Assert.Matches(@"Checks default wait:\s+3 \(global\)\n", report.Stdout);
            Assert.Equal("-----> Unset the global checks default-wait (the default applies)\n", unset.Stdout);
            Assert.Matches(@"Checks default wait:\s+10 \(default\)\n", after.Stdout);
        }
        finally
        {
            await _cli.RunInProcessAsync("checks:set", "--global", "default-wait");
        }
    }
}
