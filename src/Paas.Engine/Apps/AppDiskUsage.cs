using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Git;
using Paas.Core.Images;
using Paas.Core.Storage;
using Paas.Engine.Images;

namespace Paas.Engine.Apps;

/// <summary>An app's repo, build cache, images, log history and volumes on disk, each measured by the adapter that keeps it.</summary>
public sealed class AppDiskUsage(IRepoStore repos, IBuildRunner builds, IImageStore images, ILogStore logs, IAppVolumes volumes)
{
    public async Task<DiskUsageView> MeasureAsync(long appId, CancellationToken ct)
    {
        var references = (await images.ListAsync(ct)).Where(i => ImageRetentionPlan.AppOf(i.Reference) == appId).Select(i => i.Reference).ToList();
        return new DiskUsageView(
            await repos.SizeBytesAsync(appId, ct),
            await builds.CacheSizeBytesAsync(appId, ct),
            references.Count == 0 ? 0 : await images.ExclusiveSizeBytesAsync(references, ct),
            await logs.SizeBytesAsync(appId, ct),
            await volumes.SizeBytesAsync(appId, ct));
    }
}
