using Paas.Testing;
using static Paas.Testing.PseudoTerminal;

namespace Paas.Cli.Tests.Ssh;

/// <summary>`ssh -t paas@HOST run APP sh`: the forced command sees sshd's terminal and gives the command one; only for apps the key's user may see.</summary>
public sealed class InteractiveOverSshTests(SshFixture fixture) : IClassFixture<SshFixture>
{
    [Fact]
    public async Task RunOverSshWithATerminal_IsInteractive_AndPassesTheExitCode()
    {
        await fixture.Cli.RunAsync("stacks:create", "host", "--from", "host");
        var app = await fixture.Cli.CreateAppAsync();
        var hidden = await fixture.Cli.CreateAppAsync();
        var developer = await fixture.CreateDeveloperAsync(app);
        var (key, _) = await fixture.AddKeyAsync(developer);
        using var work = await SampleApps.CheckOutAsync("procfile-app");
        await work.CommitAsync("first");
        var push = await ProcessRunner.RunAsync("git", ["-C", work.Path, "push", $"{fixture.Ssh.User}@127.0.0.1:{app}", "main"],
            new Dictionary<string, string?> { ["GIT_SSH_COMMAND"] = fixture.Ssh.GitSshCommand(key), ["SSH_AUTH_SOCK"] = null },
            timeout: TimeSpan.FromMinutes(3));
        Assert.True(push.ExitCode == 0, push.StandardError + "\n" + fixture.Paasd.Log);
        var ssh = fixture.Ssh.GitSshCommand(key).Split(' ');
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["TERM"] = "xterm", ["HOME"] = "/root" };

        var session = await PseudoTerminal.RunAsync("/usr/bin/ssh", [.. ssh[1..], "-t", $"{fixture.Ssh.User}@127.0.0.1", $"run {app} sh"], environment,
            new Expect("$ "),
            new Keys("tty; echo $((40+2))\n"),
            new Expect("/dev/pts/"),
            new Expect("42"),
            new Keys("exit 3\n"));
        var refused = await PseudoTerminal.RunAsync("/usr/bin/ssh", [.. ssh[1..], "-t", $"{fixture.Ssh.User}@127.0.0.1", $"run {hidden} sh"], environment);

        Assert.True(session.ExitCode == 3, session.Output);
        Assert.True(session.ModesRestored, "the local terminal was left in raw mode:\n" + session.Output);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"app '{hidden}' does not exist", refused.Output);
    }
}
