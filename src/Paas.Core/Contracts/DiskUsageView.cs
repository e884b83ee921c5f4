namespace Paas.Core.Contracts;

/// <summary>
/// What an app takes on this host's disk, in bytes (`apps:report`): its git repo, build cache, the
/// images of its builds (what deleting them would free; layers shared with a stack or another app
/// are not counted) and its log history.
/// </summary>
public sealed record DiskUsageView(long RepoBytes, long BuildCacheBytes, long ImageBytes, long LogBytes)
{
    public long TotalBytes => RepoBytes + BuildCacheBytes + ImageBytes + LogBytes;
}
