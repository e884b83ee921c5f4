using Paas.Cli.Ssh;
using Paas.Core.Git;

namespace Paas.Cli.Tests.InProcess;

public sealed class SshRequestTests
{
    [Theory]
    [InlineData("git-receive-pack 'demo'", GitService.ReceivePack)]
    [InlineData("git-receive-pack '/demo'", GitService.ReceivePack)]
    [InlineData("git-receive-pack '/demo.git'", GitService.ReceivePack)]
    [InlineData("git-upload-pack 'demo.git'", GitService.UploadPack)]
    [InlineData("git-upload-pack '/demo/'", GitService.UploadPack)]
    [InlineData("git-upload-pack demo", GitService.UploadPack)]
    public void GitCommands_NameTheServiceAndTheApp(string command, GitService service)
    {
        Assert.Equal(new SshRequest.Git(service, "demo"), SshRequest.Parse(command));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("--help")]
    public void NoCommand_IsHelp(string? command)
    {
        Assert.IsType<SshRequest.Help>(SshRequest.Parse(command));
    }

    [Theory]
    [InlineData("apps:list", new[] { "apps:list" })]
    [InlineData("config:set demo 'A=b c' \"D=e f\"", new[] { "config:set", "demo", "A=b c", "D=e f" })]
    [InlineData("config:set demo A=it\\'s", new[] { "config:set", "demo", "A=it's" })]
    [InlineData("config:set demo 'P=$5;x|y'", new[] { "config:set", "demo", "P=$5;x|y" })]
    [InlineData("config:set demo \"Q=a\\\"b\"", new[] { "config:set", "demo", "Q=a\"b" })]
    [InlineData("config:set demo COLOR=#fff", new[] { "config:set", "demo", "COLOR=#fff" })]
    [InlineData("  apps:list\t--format json ", new[] { "apps:list", "--format", "json" })]
    public void PlainCommands_AreSplitLikeAShellWould(string command, string[] words)
    {
        Assert.Equal(words, Assert.IsType<SshRequest.Command>(SshRequest.Parse(command)).Arguments);
    }

    [Theory]
    [InlineData("git-receive-pack 'x; touch /tmp/pwn'", "does not name an app")]
    [InlineData("git-receive-pack '../other'", "does not name an app")]
    [InlineData("git-receive-pack 'Demo'", "does not name an app")]
    [InlineData("git-receive-pack a b", "takes one repository")]
    [InlineData("git-upload-archive 'demo'", "not supported")]
    [InlineData("apps:list; rm -rf /", "shell operator ;")]
    [InlineData("apps:list && id", "shell operator &")]
    [InlineData("apps:list\nid", "line break")]
    [InlineData("apps:create $(id)", "uses $")]
    [InlineData("apps:create \"$HOME\"", "uses $ inside")]
    [InlineData("apps:create `id`", "uses `")]
    [InlineData("apps:create 'open", "without its closing '")]
    [InlineData("apps:create \"open", "without its closing \"")]
    [InlineData("apps:create x\\", "lone backslash")]
    [InlineData("apps:list # comment", "# comment")]
    [InlineData("ssh-command 3", "what sshd runs")]
    [InlineData("hook pre-receive demo", "git hooks run")]
    public void AnythingElse_IsAUsageErrorSayingWhy(string command, string expected)
    {
        var error = Assert.Throws<CliException>(() => SshRequest.Parse(command));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(expected, error.Message);
    }
}
