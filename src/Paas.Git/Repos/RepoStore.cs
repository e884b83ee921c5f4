using LibGit2Sharp;
using Paas.Core.Files;
using Paas.Core.Git;

namespace Paas.Git.Repos;

/// <summary>
/// Bare repos under <see cref="GitOptions.ReposRoot"/> (root only, 0700). A repo is made in a temp
/// dir and renamed into place, so a half-made one is never seen; it carries no hooks of its own
/// (git runs ours through -c core.hooksPath) and checks every object it receives.
/// </summary>
public sealed class RepoStore(GitOptions options) : IRepoStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public async Task CreateAsync(long appId, CancellationToken ct)
    {
        var path = options.RepoPath(appId);
        if (Directory.Exists(path)) return;
        Directory.CreateDirectory(options.ReposRoot, OwnerOnly);
        var temp = Path.Combine(options.ReposRoot, $".new-{appId}-{Guid.NewGuid():N}");
        try
        {
            // --template= : no sample hooks, no description; nothing a hook path could pick up.
            await GitCommand.RunAsync(["init", "--bare", "--quiet", "--template=", "--initial-branch=main", temp], ct);
            // Rejects malformed objects, including .gitmodules that point outside (CVE-2018-11235).
            await GitCommand.RunAsync(["--git-dir", temp, "config", "receive.fsckObjects", "true"], ct);
            File.SetUnixFileMode(temp, OwnerOnly);
            Directory.Move(temp, path);
        }
        catch (IOException) when (Directory.Exists(path))
        {
            // Made by a concurrent call: the same empty repo.
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    public Task DeleteAsync(long appId, CancellationToken ct)
    {
        var path = options.RepoPath(appId);
        if (!Directory.Exists(path)) return Task.CompletedTask;
        // Renamed first, so a half-deleted repo never sits under the app's id.
        var doomed = Path.Combine(options.ReposRoot, $".deleted-{appId}-{Guid.NewGuid():N}");
        Directory.Move(path, doomed);
        Directory.Delete(doomed, recursive: true);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, string>> ListBranchesAsync(long appId, CancellationToken ct)
    {
        var path = options.RepoPath(appId);
        if (!Directory.Exists(path))
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
        using var repo = new Repository(path);
        IReadOnlyDictionary<string, string> branches = repo.Branches
            .Where(b => !b.IsRemote && b.Tip is not null)
            .ToDictionary(b => b.FriendlyName, b => b.Tip.Sha, StringComparer.Ordinal);
        return Task.FromResult(branches);
    }

    public Task<long> SizeBytesAsync(long appId, CancellationToken ct) => Task.FromResult(DirectorySize.Of(options.RepoPath(appId)));
}
