using Paas.Core.Builds;
using Paas.Core.Git;
using Paas.Git.Extraction;
using Paas.Testing;

namespace Paas.Git.Tests;

public sealed class SourceExtractorTests
{
    [Fact]
    public async Task Extract_WritesTheTree_WithExecutableBits_AndNoGitDir()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("Procfile", "web: ./run\n");
        await work.WriteAsync("run", "#!/bin/sh\necho hi\n", executable: true);
        await work.WriteAsync("src/deep/file.txt", "deep");
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);
        var destination = root.Combine("build");

        var tree = await root.Extractor.ExtractAsync(id, commit, null, destination, CancellationToken.None);

        Assert.Equal(commit, tree.Commit);
        Assert.Equal(destination, tree.Directory);
        Assert.Equal("web: ./run\n", tree.File(SourceTree.Procfile));
        Assert.Equal("deep", await File.ReadAllTextAsync(Path.Combine(destination, "src/deep/file.txt")));
        Assert.True(File.GetUnixFileMode(Path.Combine(destination, "run")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(destination, "Procfile")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(Directory.Exists(Path.Combine(destination, ".git")));
        Assert.Null(tree.File(SourceTree.AppJson));
    }

    [Fact]
    public async Task Extract_KeepsSymlinksAsSymlinks_AndNeverReadsThroughThem()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        work.Symlink("Procfile", "/etc/passwd");
        work.Symlink("app.json", "../../../../etc/passwd");
        work.Symlink("passwd-link", "/etc/passwd");
        work.Symlink("dir-link", "/etc");
        await work.WriteAsync("index.html", "<p>hello</p>");
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);
        var destination = root.Combine("build");

        var tree = await root.Extractor.ExtractAsync(id, commit, null, destination, CancellationToken.None);

        Assert.Empty(tree.Files);
        Assert.Equal("/etc/passwd", new FileInfo(Path.Combine(destination, "Procfile")).LinkTarget);
        Assert.Equal("/etc", new FileInfo(Path.Combine(destination, "dir-link")).LinkTarget);
        // Nothing under the build dir holds /etc/passwd's content: only links were made, no file was copied through one.
        var passwd = await File.ReadAllTextAsync("/etc/passwd");
        foreach (var file in Directory.EnumerateFiles(destination, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null) continue;
            Assert.DoesNotContain("root:", await File.ReadAllTextAsync(file));
        }
        Assert.Contains("root:", passwd);
        Assert.Single(Directory.EnumerateFiles(destination), f => new FileInfo(f).LinkTarget is null);
    }

    [Fact]
    public async Task Extract_RefusesASubmodule_NamingItsPath_AndWritesNothing()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("Procfile", "web: x\n");
        var inner = await work.CommitAsync();
        await work.GitCheckedAsync("update-index", "--add", "--cacheinfo", $"160000,{inner},vendor/lib");
        await work.GitCheckedAsync("commit", "--quiet", "-m", "submodule");
        var commit = (await work.GitCheckedAsync("rev-parse", "HEAD")).StandardOutput.Trim();
        var id = await root.CreateRepoAsync(work);
        var destination = root.Combine("build");

        var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
            root.Extractor.ExtractAsync(id, commit, null, destination, CancellationToken.None));

        Assert.Contains("'vendor/lib' is a git submodule", error.Message);
        Assert.False(Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any());
    }

    [Fact]
    public async Task Metadata_ThatIsADirectory_IsNotAFile_AndAnOversizedOneIsRefused()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("CHECKS/inner", "x");
        await work.WriteAsync("app.json", new string('x', SourceExtractor.MaxMetadataBytes + 1));
        var big = await work.CommitAsync("big");
        await work.WriteAsync("app.json", "{}");
        var small = await work.CommitAsync("small");
        var id = await root.CreateRepoAsync(work);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
            root.Extractor.ExtractAsync(id, big, null, root.Combine("big"), CancellationToken.None));
        var tree = await root.Extractor.ExtractAsync(id, small, null, root.Combine("small"), CancellationToken.None);

        Assert.Contains("app.json is 1048577 bytes", error.Message);
        Assert.Equal(["app.json"], tree.Files.Keys);
        Assert.Equal("x", await File.ReadAllTextAsync(root.Combine("small", "CHECKS", "inner")));
    }

    [Fact]
    public async Task ADockerfile_IsNotedAsPresent_NeverRead_WhateverItsSize()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("Dockerfile", new string('#', SourceExtractor.MaxMetadataBytes * 2));
        var commit = await work.CommitAsync("dockerfile");
        var id = await root.CreateRepoAsync(work);

        var tree = await root.Extractor.ExtractAsync(id, commit, null, root.Combine("out"), CancellationToken.None);

        Assert.Equal("", tree.File(SourceTree.Dockerfile));
    }

    [Fact]
    public async Task Extract_OfACommitNotInTheRepo_SaysSo()
    {
        using var root = new GitRoot();
        var id = await root.CreateRepoAsync();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() =>
            root.Extractor.ExtractAsync(id, new string('a', 40), null, root.Combine("build"), CancellationToken.None));

        Assert.Contains("is not in the app's repo", error.Message);
    }

    [Fact]
    public async Task Quarantine_OutsideTheRepo_IsRefused()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);
        var elsewhere = Directory.CreateDirectory(root.Combine("tmp_objdir-incoming-x")).FullName;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            root.Extractor.ExtractAsync(id, commit, elsewhere, root.Combine("build"), CancellationToken.None));
    }
}
