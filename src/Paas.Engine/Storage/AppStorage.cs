using Paas.Core.Containers;
using Paas.Core.Storage;

namespace Paas.Engine.Storage;

/// <summary>
/// The binds of an app's storage mounts for one container of its run phase (instances, one-offs, cron, the
/// release, predeploy and postdeploy commands; never the build). Directories are made on first use, owned by
/// the user <paramref name="image"/> runs as.
/// </summary>
public sealed class AppStorage(IAppVolumes volumes)
{
    public async Task<IReadOnlyList<VolumeMount>> VolumesAsync(long appId, string image, IReadOnlyList<StorageMount> mounts, CancellationToken ct)
    {
        var binds = new List<VolumeMount>(mounts.Count);
        foreach (var mount in mounts) binds.Add(await volumes.PrepareAsync(appId, image, mount, ct));
        return binds;
    }
}
