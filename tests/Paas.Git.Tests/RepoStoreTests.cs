using Paas.Testing;

namespace Paas.Git.Tests;

public sealed class RepoStoreTests
{
    [Fact]
    public async Task Create_MakesABareRepo_OwnerOnly_CheckingObjects_WithNoHooksOfItsOwn()
    {
        using var root = new GitRoot();
        var id = await root.CreateRepoAsync();
        var path = root.Options.RepoPath(id);

        var fsck = await ProcessRunner.RunAsync("git", ["--git-dir", path, "config", "--get", "receive.fsckObjects"], GitWorkRepo.Environment());
        var hooksPath = await ProcessRunner.RunAsync("git", ["--git-dir", path, "config", "--get", "core.hooksPath"], GitWorkRepo.Environment());
        var bare = await ProcessRunner.RunAsync("git", ["--git-dir", path, "rev-parse", "--is-bare-repository"], GitWorkRepo.Environment());

        Assert.Equal(Path.Combine(root.Options.ReposRoot, $"{id}.git"), path);
        Assert.Equal("true", fsck.StandardOutput.Trim());
        Assert.Equal(1, hooksPath.ExitCode);
        Assert.Equal("true", bare.StandardOutput.Trim());
        Assert.False(Directory.Exists(Path.Combine(path, "hooks")));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(path));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(root.Options.ReposRoot));
        Assert.Empty(await root.Repos.ListBranchesAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Create_Twice_KeepsTheRepoAndItsBranches()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);

        await root.Repos.CreateAsync(id, CancellationToken.None);

        Assert.Equal(commit, (await root.Repos.ListBranchesAsync(id, CancellationToken.None))["main"]);
        Assert.Empty(Directory.GetDirectories(root.Options.ReposRoot, ".*"));
    }

    [Fact]
    public async Task ListBranches_GivesEachBranchAndItsHead()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        var first = await work.CommitAsync("one");
        await work.GitCheckedAsync("branch", "feature/x");
        var second = await work.CommitAsync("two");
        var id = await root.CreateRepoAsync(work);
        await work.GitCheckedAsync("push", "--quiet", root.Options.RepoPath(id), "feature/x");

        var branches = await root.Repos.ListBranchesAsync(id, CancellationToken.None);

        Assert.Equal(2, branches.Count);
        Assert.Equal(second, branches["main"]);
        Assert.Equal(first, branches["feature/x"]);
    }

    [Fact]
    public async Task Delete_RemovesTheRepo_AndDeletingNoneIsFine()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);

        await root.Repos.DeleteAsync(id, CancellationToken.None);
        await root.Repos.DeleteAsync(id, CancellationToken.None);

        Assert.False(Directory.Exists(root.Options.RepoPath(id)));
        Assert.Empty(Directory.GetFileSystemEntries(root.Options.ReposRoot));
        Assert.Empty(await root.Repos.ListBranchesAsync(id, CancellationToken.None));
    }
}
