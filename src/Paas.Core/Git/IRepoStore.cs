namespace Paas.Core.Git;

/// <summary>
/// One bare repo per app at $PAAS_ROOT/repos/&lt;app id&gt;.git (ids, so a rename or a new app of an
/// old name never sees another's history), with receive.fsckObjects on.
/// </summary>
public interface IRepoStore
{
    /// <summary>Makes the app's repo; making one that exists changes nothing.</summary>
    Task CreateAsync(long appId, CancellationToken ct);

    /// <summary>Removes the repo; none is not an error.</summary>
    Task DeleteAsync(long appId, CancellationToken ct);

    /// <summary>Branches and their head commits (empty for a repo never pushed to, or none).</summary>
    Task<IReadOnlyDictionary<string, string>> ListBranchesAsync(long appId, CancellationToken ct);

    /// <summary>Bytes the app's repo takes on disk (0 for none).</summary>
    Task<long> SizeBytesAsync(long appId, CancellationToken ct);
}
