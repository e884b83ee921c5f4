namespace Paas.Cli.Tests.InProcess;

public sealed class UsageTests
{
    public static TheoryData<string> CommandNames { get; } = new(
        "apps:create", "apps:list", "apps:info", "apps:report", "apps:rename", "apps:destroy", "apps:lock",
        "apps:unlock", "config:show", "config:get", "config:set", "config:unset", "config:keys", "domains:add",
        "domains:remove", "domains:list", "ports:add", "ports:remove", "ports:list", "storage:mount", "storage:unmount", "storage:list", "storage:report", "storage:ensure-directory", "ps:scale", "resource:limit",
        "releases", "tokens:create", "tokens:list", "tokens:revoke", "ssh-keys:add", "ssh-keys:list", "ssh-keys:remove", "events", "logs", "stacks:create", "stacks:list",
        "stacks:default", "stacks:delete", "images:list", "images:export", "images:import", "cron:list", "cron:run");

    [Fact]
    public async Task NoArguments_ListsEveryCommand_AndSucceeds()
    {
        var run = await CliRun.RunAsync();

        Assert.Equal(0, run.ExitCode);
        foreach (var name in CommandNames)
            Assert.Contains("  " + name + " ", run.Stdout);
    }

    [Fact]
    public async Task Help_ListsEveryCommand_LikeNoArguments()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal((await CliRun.RunAsync()).Stdout, run.Stdout);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Help_OnEachCommand_DescribesItAndSucceeds(string name)
    {
        var run = await CliRun.RunAsync(name, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"paas {name}", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliRun.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Theory]
    [InlineData("apps:frobnicate")]
    [InlineData("apps:create")]
    [InlineData("apps:create", "a", "b")]
    [InlineData("apps:rename", "only-one")]
    [InlineData("apps:list", "--format", "xml")]
    [InlineData("apps:list", "--bogus")]
    [InlineData("config:get", "demo")]
    [InlineData("config:unset", "demo")]
    [InlineData("domains:add", "demo")]
    [InlineData("ports:remove", "demo")]
    [InlineData("storage:mount", "demo")]
    [InlineData("storage:unmount", "demo", "a:/a", "b:/b")]
    [InlineData("events", "-n", "many")]
    [InlineData("tokens:create")]
    [InlineData("logs")]
    [InlineData("logs", "demo", "-n", "many")]
    [InlineData("stacks:create")]
    [InlineData("stacks:default")]
    [InlineData("images:export")]
    [InlineData("images:import")]
    public async Task BadCommandLine_ExitsWithUsageCode_AndShowsTheSynopsis(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(" !     ", run.Stderr);
        Assert.Contains(" !     Usage: paas ", run.Stderr);
    }

    [Fact]
    public async Task ConfigSet_WordWithoutEquals_IsAUsageErrorNamingTheWord()
    {
        var run = await CliRun.RunAsync("config:set", "demo", "A=1", "oops");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'oops' is not KEY=VALUE", run.Stderr);
    }

    [Fact]
    public async Task ConfigSet_NothingToSet_IsAUsageError()
    {
        var run = await CliRun.RunAsync("config:set", "demo");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nothing to set", run.Stderr);
    }

    [Theory]
    [InlineData("web")]
    [InlineData("web=two")]
    [InlineData("=2")]
    [InlineData("web=-1")]
    public async Task PsScale_MalformedPair_IsAUsageErrorNamingIt(string pair)
    {
        var run = await CliRun.RunAsync("ps:scale", "demo", pair);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{pair}' is not TYPE=N", run.Stderr);
    }

    [Fact]
    public async Task Events_NonPositiveCount_IsAUsageError()
    {
        var run = await CliRun.RunAsync("events", "-n", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-n 0", run.Stderr);
    }

    [Theory]
    [InlineData("-n", "0")]
    [InlineData("--num", "-5")]
    public async Task Logs_NonPositiveCount_IsAUsageError(string option, string count)
    {
        var run = await CliRun.RunAsync("logs", "demo", option, count);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(count, run.Stderr);
    }
}
