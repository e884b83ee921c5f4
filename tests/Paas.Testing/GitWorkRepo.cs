namespace Paas.Testing;

/// <summary>
/// A developer's working repo in a temp dir, driven with the real git CLI (no user or system
/// gitconfig): write files, commit, push. Removed on dispose.
/// </summary>
public sealed class GitWorkRepo : IDisposable
{
    private readonly TestDirectory _directory = new("paas-work-");

    private GitWorkRepo()
    {
    }

    public string Path => _directory.Path;

    public static async Task<GitWorkRepo> CreateAsync(string branch = "main")
    {
        var repo = new GitWorkRepo();
        try
        {
            await repo.GitCheckedAsync("init", "--quiet", "--initial-branch=" + branch, repo.Path);
            await repo.GitCheckedAsync("config", "user.name", "Paas Test");
            await repo.GitCheckedAsync("config", "user.email", "test@paas.test");
            return repo;
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    /// <summary>The environment every git call here gets (merged with <paramref name="extra"/>).</summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = null,
            ["SSH_ASKPASS"] = null,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) environment[key] = value;
        return environment;
    }

    public async Task WriteAsync(string relativePath, string content, bool executable = false)
    {
        var path = _directory.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
    }

    public void Symlink(string relativePath, string target)
    {
        var path = _directory.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Commits everything in the work tree; returns the new commit's id.</summary>
    public async Task<string> CommitAsync(string message = "commit")
    {
        await GitCheckedAsync("add", "--all");
        await GitCheckedAsync("commit", "--quiet", "--allow-empty", "-m", message);
        return (await GitCheckedAsync("rev-parse", "HEAD")).StandardOutput.Trim();
    }

    public Task<ProcessRunner.Result> GitAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync("git", ["-C", Path, .. arguments], Environment(environment), timeout: timeout);

    public async Task<ProcessRunner.Result> GitCheckedAsync(params string[] arguments)
    {
        var result = await GitAsync(arguments);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError}");
        return result;
    }

    public void Dispose() => _directory.Dispose();
}
