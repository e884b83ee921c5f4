using LibGit2Sharp;

namespace Paas.Git.Extraction;

/// <summary>
/// The app's repo as the build sees it. During a push the new objects are still in git's quarantine
/// dir (objects/tmp_objdir-incoming-*), invisible to the repo until the hook accepts them: the view is
/// then a throwaway repo whose objects/info/alternates lists the quarantine and the repo's own objects,
/// so the pushed commit is readable before any ref moves.
/// </summary>
internal sealed class RepoView : IDisposable
{
    private const string QuarantinePrefix = "tmp_objdir-incoming-";

    private readonly string? _temporary;

    private RepoView(Repository repository, string? temporary)
    {
        Repository = repository;
        _temporary = temporary;
    }

    public Repository Repository { get; }

    public static RepoView Open(string repoPath, string? quarantineDir)
    {
        if (!Directory.Exists(repoPath))
            throw new DirectoryNotFoundException($"the app's repo does not exist at {repoPath}");
        if (quarantineDir is null)
            return new RepoView(new Repository(repoPath), null);

        var objects = Path.GetFullPath(Path.Combine(repoPath, "objects"));
        var quarantine = Path.GetFullPath(quarantineDir);
        // Only this repo's own quarantine: the path comes from a hook's environment, through the API.
        if (Path.GetDirectoryName(quarantine) != objects || !Path.GetFileName(quarantine).StartsWith(QuarantinePrefix, StringComparison.Ordinal)
            || !Directory.Exists(quarantine))
            throw new ArgumentException($"'{quarantineDir}' is not a push quarantine of the repo at {repoPath}", nameof(quarantineDir));

        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(repoPath))!, $".view-{Guid.NewGuid():N}");
        try
        {
            Repository.Init(temporary, isBare: true);
            File.WriteAllText(Path.Combine(temporary, "objects", "info", "alternates"), quarantine + "\n" + objects + "\n");
            return new RepoView(new Repository(temporary), temporary);
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Repository.Dispose();
        if (_temporary is not null && Directory.Exists(_temporary))
            Directory.Delete(_temporary, recursive: true);
    }
}
