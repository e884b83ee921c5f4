using System.Text;
using LibGit2Sharp;
using Paas.Core.Builds;
using Paas.Core.Git;

namespace Paas.Git.Extraction;

/// <summary>
/// Writes a commit's tree into a fresh directory with LibGit2Sharp, never through a shell or a
/// checkout: regular files with their executable bit, symlinks created as symlinks (their target
/// is text, never resolved or read on the host), submodules refused. The metadata files the
/// platform reads are taken from git blobs, so a Procfile that is a symlink to /etc/passwd is
/// simply not there.
/// </summary>
public sealed class SourceExtractor(GitOptions options) : ISourceExtractor
{
    /// <summary>Procfile, app.json and friends are small; a bigger one is a mistake or an attack on paasd's memory.</summary>
    public const int MaxMetadataBytes = 1 << 20;

    /// <summary>Linux's PATH_MAX: a longer target is no symlink a system could follow.</summary>
    private const int MaxSymlinkTargetBytes = 4096;

    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public Task<SourceTree> ExtractAsync(long appId, string commit, string? quarantineDir, string destination, CancellationToken ct) =>
        Task.Run(() => Extract(appId, commit, quarantineDir, destination, ct), ct);

    private SourceTree Extract(long appId, string commit, string? quarantineDir, string destination, CancellationToken ct)
    {
        if (!ObjectId.TryParse(commit, out var id) || commit.Length != 40)
            throw new ArgumentException($"'{commit}' is not a full commit id", nameof(commit));
        var repoPath = options.RepoPath(appId);
        using var view = RepoView.Open(repoPath, quarantineDir);
        var found = view.Repository.Lookup<Commit>(id)
            ?? throw new BuildFailedException($"commit {commit} is not in the app's repo");

        var tree = found.Tree;
        RefuseSubmodules(tree, "");
        Directory.CreateDirectory(destination);
        WriteTree(tree, destination, "", ct);
        return new SourceTree(destination, found.Sha, ReadMetadata(tree));
    }

    /// <summary>Checked before anything is written, so a refused push leaves an empty dir, not half a tree.</summary>
    private static void RefuseSubmodules(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.Mode == Mode.GitLink)
                throw new BuildFailedException(
                    $"'{path}' is a git submodule, which Paas does not fetch: vendor its files into the repo (or use a package manager) and push again");
            if (entry.TargetType == TreeEntryTargetType.Tree)
                RefuseSubmodules((Tree)entry.Target, path + "/");
        }
    }

    private static void WriteTree(Tree tree, string directory, string prefix, CancellationToken ct)
    {
        foreach (var entry in tree)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, SafeName(entry.Name, prefix));
            // Names are unique within a git tree (fsck checks it), so nothing exists here yet. If something did,
            // following it could write outside the build dir: refuse instead.
            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
                throw new BuildFailedException($"'{prefix}{entry.Name}' appears twice in the commit's tree");
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path, Executable | UnixFileMode.UserWrite);
                    WriteTree((Tree)entry.Target, path, prefix + entry.Name + "/", ct);
                    break;
                case Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, SymlinkTarget((Blob)entry.Target, prefix + entry.Name));
                    break;
                case Mode.NonExecutableFile:
                case Mode.ExecutableFile:
                    WriteFile((Blob)entry.Target, path, entry.Mode == Mode.ExecutableFile ? Executable : Regular);
                    break;
                default:
                    throw new BuildFailedException($"'{prefix}{entry.Name}' has git mode {(int)entry.Mode:o}, which Paas cannot extract");
            }
        }
    }

    private static void WriteFile(Blob blob, string path, UnixFileMode mode)
    {
        // CreateNew (O_EXCL) never follows a symlink at the path.
        using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode });
        using var content = blob.GetContentStream();
        content.CopyTo(file);
    }

    private static string SymlinkTarget(Blob blob, string path)
    {
        if (blob.Size > MaxSymlinkTargetBytes)
            throw new BuildFailedException($"symlink '{path}' has a target of {blob.Size} bytes, longer than any path");
        using var content = blob.GetContentStream();
        using var reader = new StreamReader(content, Encoding.UTF8);
        var target = reader.ReadToEnd();
        if (target.Length == 0 || target.Contains('\0'))
            throw new BuildFailedException($"symlink '{path}' has an empty or malformed target");
        return target;
    }

    /// <summary>git's fsck already refuses these names; checked again because they would escape the build dir.</summary>
    private static string SafeName(string name, string prefix)
    {
        if (name is "" or "." or ".." || name.Contains('/') || name.Contains('\0') || name.Equals(".git", StringComparison.OrdinalIgnoreCase))
            throw new BuildFailedException($"'{prefix}{name}' is not a path Paas extracts");
        return name;
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(Tree tree)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SourceTree.MetadataFiles)
        {
            // Only regular blobs: a symlink's target text or a directory is not the file's content.
            if (tree[name] is not { Mode: Mode.NonExecutableFile or Mode.ExecutableFile } entry) continue;
            var blob = (Blob)entry.Target;
            if (blob.Size > MaxMetadataBytes)
                throw new BuildFailedException($"{name} is {blob.Size} bytes; Paas reads at most {MaxMetadataBytes} bytes of it: make it smaller");
            using var content = blob.GetContentStream();
            using var reader = new StreamReader(content, Encoding.UTF8);
            files[name] = reader.ReadToEnd();
        }
        foreach (var name in SourceTree.PresenceOnlyFiles)
            if (tree[name] is { Mode: Mode.NonExecutableFile or Mode.ExecutableFile }) files[name] = "";
        return files;
    }
}
