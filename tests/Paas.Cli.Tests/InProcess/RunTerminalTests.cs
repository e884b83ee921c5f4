namespace Paas.Cli.Tests.InProcess;

/// <summary>How `run` and `enter` read -t: only before the command, and only with a terminal to give.</summary>
public sealed class RunTerminalTests
{
    private static readonly Dictionary<string, string> NowhereSocket = new() { ["PAAS_SOCKET"] = "/nonexistent/paasd.sock" };

    [Theory]
    [InlineData("run", "-t", "demo", "sh")]
    [InlineData("run", "demo", "--tty", "bash")]
    [InlineData("enter", "-t", "demo", "web.1")]
    public async Task Tty_WithoutATerminal_IsAUsageError_BeforeAnythingIsSent(params string[] args)
    {
        // The test host's standard input and output are not terminals.
        var run = await CliRun.RunAsync(NowhereSocket, "", args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-t needs a terminal on standard input and output", run.Stderr);
    }

    [Theory]
    [InlineData("run", "demo", "ls", "-t")]
    [InlineData("run", "demo", "--", "-t")]
    [InlineData("enter", "demo", "web.1", "ls", "-t")]
    public async Task Tty_AfterTheCommand_BelongsToTheCommand(params string[] args)
    {
        var run = await CliRun.RunAsync(NowhereSocket, "", args);

        // Sent as a plain run (which then finds no paasd), not refused for want of a terminal.
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("needs a terminal", run.Stderr);
        Assert.Contains("cannot reach paasd at /nonexistent/paasd.sock", run.Stderr);
    }

    [Fact]
    public async Task Enter_WithoutCommandOrTty_SaysHowToGetAShell()
    {
        var run = await CliRun.RunAsync(NowhereSocket, "", "enter", "demo", "web.1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("paas enter -t APP web.1", run.Stderr);
    }
}
