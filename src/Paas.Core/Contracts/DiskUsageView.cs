namespace Paas.Core.Contracts;

/// <summary>
/// What an app takes on this host's disk, in bytes (`apps:report`): its git repo, build cache, the
/// images of its builds (what deleting them would free; layers shared with a stack or another app
/// are not counted), its log history and its storage volumes (storage:mount).
/// </summary>
public sealed record DiskUsageView(long RepoBytes, long BuildCacheBytes, long ImageBytes, long LogBytes, long VolumeBytes = 0)
{
    public long TotalBytes => RepoBytes + BuildCacheBytes + ImageBytes + LogBytes + VolumeBytes;
}
