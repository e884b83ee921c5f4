using Paas.Cli.Tests.InProcess;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class GitCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task GitSet_ThenReport_ShowsTheDeployBranch_AndUnsetGoesBackToMain()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunAsync("git:set", app, "deploy-branch", "production");
        var report = await _cli.RunAsync("git:report", app);
        var unset = await _cli.RunAsync("git:set", app, "deploy-branch");
        var after = await _cli.RunAsync("git:report", app, "--format", "json");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal($"-----> Set deploy-branch to production for {app}\n", set.Stdout);
        Assert.Contains($"=====> {app} git information\n", report.Stdout);
        Assert.Matches(@"Git deploy branch:\s+production\n", report.Stdout);
        Assert.Matches(@"Git branches:\s+none\n", report.Stdout);
        Assert.Matches(@"Git last push:\s+none\n", report.Stdout);
        Assert.Equal($"-----> Unset deploy-branch; the deploy branch of {app} is main\n", unset.Stdout);
        Assert.Contains("\"deployBranch\":\"main\"", after.Stdout);
        Assert.Contains("\"deployBranchSet\":false", after.Stdout);
    }

    [Fact]
    public async Task GitSet_WithABranchGitRefuses_ExitsOne_SayingWhy()
    {
        var app = await _cli.CreateAppAsync();

        var result = await _cli.RunAsync("git:set", app, "deploy-branch", "a..b");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'a..b' is not a valid branch name: it contains '..'", result.Stderr);
    }

    [Fact]
    public async Task Hook_OutsideAPush_ExitsOne_AndAcceptsNothing()
    {
        var noToken = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = paasd.SocketPath },
            $"{new string('0', 40)} {new string('a', 40)} refs/heads/main\n", "hook", "pre-receive");
        var unknownToken = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = paasd.SocketPath, ["PAAS_PUSH_TOKEN"] = "forged" },
            $"{new string('0', 40)} {new string('a', 40)} refs/heads/main\n", "hook", "pre-receive");
        var noPaasd = await CliRun.RunAsync(new Dictionary<string, string> { ["PAAS_SOCKET"] = "/nonexistent/paasd.sock", ["PAAS_PUSH_TOKEN"] = "t" },
            $"{new string('0', 40)} {new string('a', 40)} refs/heads/main\n", "hook", "pre-receive");

        Assert.Equal((1, ""), (noToken.ExitCode, noToken.Stdout));
        Assert.Contains("PAAS_PUSH_TOKEN is not set", noToken.Stderr);
        Assert.Equal(1, unknownToken.ExitCode);
        Assert.Contains("push token is unknown", unknownToken.Stderr);
        Assert.Equal(1, noPaasd.ExitCode);
        Assert.Contains("cannot reach paasd", noPaasd.Stderr);
    }

    [Fact]
    public async Task Hook_IsHiddenFromHelp_AndTakesOnlyPreReceive()
    {
        var help = await CliRun.RunAsync("--help");
        var other = await CliRun.RunAsync("hook", "post-receive");

        Assert.DoesNotContain("hook", help.Stdout);
        Assert.Contains("git:report", help.Stdout);
        Assert.Equal(2, other.ExitCode);
    }
}
