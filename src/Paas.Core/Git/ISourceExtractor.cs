namespace Paas.Core.Git;

/// <summary>
/// Extracts one commit of an app's repo (LibGit2Sharp) into a fresh directory. During a push the
/// new objects are still in git's quarantine dir (<paramref name="quarantineDir"/>, from the
/// pre-receive hook's GIT_QUARANTINE_PATH), which is read beside the repo's own objects.
/// Submodules are refused with a message that says so.
/// </summary>
public interface ISourceExtractor
{
    Task<SourceTree> ExtractAsync(long appId, string commit, string? quarantineDir, string destination, CancellationToken ct);
}
