using Paas.Core.Apps;
using Paas.Core.Git;

namespace Paas.Cli.Ssh;

/// <summary>What an SSH login asks for: a git exchange with an app's repo, a paas command, or (no command) help.</summary>
public abstract record SshRequest
{
    public sealed record Help : SshRequest;

    public sealed record Git(GitService Service, string App) : SshRequest;

    public sealed record Command(IReadOnlyList<string> Arguments) : SshRequest;

    /// <summary>Parses SSH_ORIGINAL_COMMAND; throws a usage <see cref="CliException"/> with the reason for anything else.</summary>
    public static SshRequest Parse(string? originalCommand)
    {
        var words = ShellWords.Split(originalCommand ?? "");
        if (words.Count == 0 || words is ["help" or "--help" or "-h"])
            return new Help();
        switch (words[0])
        {
            case "git-receive-pack" or "git-upload-pack":
                if (words.Count != 2)
                    throw CliException.Usage($"{words[0]} takes one repository, the app: git remote add paas paas@HOST:APP");
                return new Git(words[0] == "git-receive-pack" ? GitService.ReceivePack : GitService.UploadPack, AppOf(words[1]));
            case "git-upload-archive":
                throw CliException.Usage("git archive --remote is not supported: clone the app's repo instead (git clone paas@HOST:APP)");
            case "ssh-command":
                throw CliException.Usage("ssh-command is what sshd runs for a key; over SSH, give a paas command such as apps:list");
            case "hook":
                throw CliException.Usage("hook is what paasd's git hooks run; over SSH, push with git instead");
            default:
                return new Command(words);
        }
    }

    /// <summary>
    /// The app a git path names: <c>APP</c> from <c>paas@HOST:APP</c>, <c>/APP</c> from <c>ssh://paas@HOST/APP</c>,
    /// each optionally ending in <c>.git</c> or a slash.
    /// </summary>
    private static string AppOf(string path)
    {
        var app = path.TrimEnd('/');
        if (app.StartsWith('/')) app = app[1..];
        if (app.EndsWith(".git", StringComparison.Ordinal)) app = app[..^".git".Length];
        if (!AppName.IsValid(app))
            throw CliException.Usage($"'{path}' does not name an app: use paas@HOST:APP or ssh://paas@HOST/APP, where {AppName.Problem(app)}");
        return app;
    }
}
