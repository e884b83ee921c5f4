namespace Paas.Git;

/// <summary>
/// Where the git adapter keeps things: the apps' bare repos, the hooks dir paasd writes (the only
/// hooks git ever runs for them), the `paas` CLI those hooks exec, and paasd's unix socket the CLI
/// calls back on.
/// </summary>
public sealed record GitOptions(string ReposRoot, string HooksDirectory, string CliPath, string SocketPath)
{
    /// <summary>The layout under $PAAS_ROOT: repos/ and git-hooks/.</summary>
    public static GitOptions UnderRoot(string root, string cliPath, string socketPath) =>
        new(Path.Combine(root, "repos"), Path.Combine(root, "git-hooks"), cliPath, socketPath);

    /// <summary>By id, so a rename or a new app of an old name never sees another's history.</summary>
    public string RepoPath(long appId) => Path.Combine(ReposRoot, $"{appId}.git");
}
