using Paas.Core.Git;
using Paas.Testing;

namespace Paas.Git.Tests;

/// <summary>
/// A real push through git's receive-pack, whose pre-receive hook waits: the pushed commit is
/// extracted from the quarantine while no ref has moved yet, as the build does.
/// </summary>
public sealed class QuarantineExtractionTests
{
    private const string WaitingHook =
        "#!/bin/sh\n" +
        "dir=$(dirname \"$0\")\n" +
        "cat > \"$dir/input\"\n" +
        "printf '%s' \"$GIT_QUARANTINE_PATH\" > \"$dir/quarantine.tmp\" && mv \"$dir/quarantine.tmp\" \"$dir/quarantine\"\n" +
        "while [ ! -f \"$dir/verdict\" ]; do sleep 0.05; done\n" +
        "exit \"$(cat \"$dir/verdict\")\"\n";

    [Fact]
    public async Task PushedCommit_IsExtractedFromTheQuarantine_BeforeAnyRefMoves_AndARejectedPushStoresNothing()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("Procfile", "web: ./serve\n");
        await work.WriteAsync("serve", "#!/bin/sh\n", executable: true);
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync();
        var hooks = Directory.CreateDirectory(root.Combine("test-hooks")).FullName;
        await File.WriteAllTextAsync(Path.Combine(hooks, "pre-receive"), WaitingHook);
        File.SetUnixFileMode(Path.Combine(hooks, "pre-receive"), (UnixFileMode)0b111_101_101);

        var push = work.GitAsync(["push", "--receive-pack", $"git -c core.hooksPath={hooks} receive-pack", root.Options.RepoPath(id), "main"]);
        var quarantine = await WaitForFileAsync(Path.Combine(hooks, "quarantine"));
        var tree = await root.Extractor.ExtractAsync(id, commit, quarantine, root.Combine("build"), CancellationToken.None);
        var branchesDuringHook = await root.Repos.ListBranchesAsync(id, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(hooks, "verdict"), "1");
        var result = await push;

        Assert.StartsWith(Path.Combine(root.Options.RepoPath(id), "objects", "tmp_objdir-incoming-"), Path.GetFullPath(quarantine));
        Assert.Equal($"{RefUpdate.ZeroId} {commit} refs/heads/main\n", await File.ReadAllTextAsync(Path.Combine(hooks, "input")));
        Assert.Equal("web: ./serve\n", tree.File(SourceTree.Procfile));
        Assert.True(File.GetUnixFileMode(root.Combine("build", "serve")).HasFlag(UnixFileMode.UserExecute));
        Assert.Empty(branchesDuringHook);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("pre-receive hook declined", result.StandardError);
        Assert.Empty(await root.Repos.ListBranchesAsync(id, CancellationToken.None));
        Assert.Empty(Directory.GetDirectories(root.Options.ReposRoot, ".view-*"));
    }

    private static async Task<string> WaitForFileAsync(string path)
    {
        for (var i = 0; i < 400; i++)
        {
            if (File.Exists(path)) return await File.ReadAllTextAsync(path);
            await Task.Delay(50);
        }
        throw new TimeoutException($"{path} did not appear: the hook did not run");
    }
}
