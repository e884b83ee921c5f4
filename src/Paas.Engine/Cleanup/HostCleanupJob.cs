using Microsoft.Extensions.Logging;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Engine.Builds;
using Paas.Engine.Images;
using Paas.Engine.Operations;

namespace Paas.Engine.Cleanup;

/// <summary>
/// The hourly cleanup (Hangfire recurring job <c>paas:cleanup</c>), so that disk does not fill up
/// silently: every app's images beyond its retention and the images of destroyed apps; containers no
/// one will collect (exited app containers whose instance row is gone, one-offs whose caller is gone,
/// anything of a destroyed app); build workspaces of builds that are not running; deployment records
/// beyond the last <see cref="DeploymentsKept"/> per app; outbox rows handed over a day ago. Running
/// instances are the scheduler's, and a one-off still running is never touched. Safe to run twice.
/// </summary>
public sealed partial class HostCleanupJob(
    StateOperation op,
    IContainerRuntime runtime,
    IImageStore images,
    IBuildRunner builds,
    RunningBuilds running,
    ImageRetentionJob retention,
    TimeProvider time,
    ILogger<HostCleanupJob> logger)
{
    public const int DeploymentsKept = 50;

    public static readonly TimeSpan OutboxKept = TimeSpan.FromDays(1);

    public async Task<CleanupReport> RunAsync(CancellationToken ct)
    {
        var containers = await RemoveContainersAsync(ct);
        var imagesDeleted = await ApplyImageRetentionAsync(ct);
        var workspaces = await RemoveStaleWorkspacesAsync(ct);
        var (deployments, outbox) = await op.RunAsync(async s =>
            (await s.Deployments.DeleteBeyondAsync(DeploymentsKept, ct), await s.Outbox.DeleteDispatchedBeforeAsync(time.GetUtcNow() - OutboxKept, ct)), ct);
        var report = new CleanupReport(containers, imagesDeleted, workspaces, deployments, outbox);
        LogCleaned(logger, report.Containers, report.Images, report.Workspaces, report.Deployments, report.OutboxRows);
        return report;
    }

    /// <summary>Containers first (read before the apps and rows, so a container started meanwhile belongs to a row read after it).</summary>
    private async Task<int> RemoveContainersAsync(CancellationToken ct)
    {
        var listed = await runtime.ListAsync(ct);
        var (apps, instances) = await op.ReadAsync(async s =>
        {
            var ids = (await s.Apps.ListAsync(ct)).Select(a => a.Id).ToHashSet();
            var rows = new Dictionary<long, string?>();
            foreach (var app in ids)
                foreach (var instance in await s.Instances.ListAsync(app, ct))
                    rows[instance.Id] = instance.ContainerId;
            return (ids, rows);
        }, ct);
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var container in listed)
        {
            if (!AbandonedContainers.Is(container, apps, instances, now)) continue;
            await runtime.DeleteAsync(container.Id, ct);
            removed++;
        }
        return removed;
    }

    /// <summary>Every app's retention, and the images of apps that are gone (their ids are never reused).</summary>
    private async Task<int> ApplyImageRetentionAsync(CancellationToken ct)
    {
        var appIds = await op.ReadAsync(async s => (await s.Apps.ListAsync(ct)).Select(a => a.Id).ToHashSet(), ct);
        appIds.UnionWith((await images.ListAsync(ct)).Select(i => ImageRetentionPlan.AppOf(i.Reference)).OfType<long>());
        var deleted = 0;
        foreach (var appId in appIds.Order()) deleted += await retention.RunAsync(appId, ct);
        return deleted;
    }

    /// <summary>Listed before the running builds are read: a build that starts in between is not in the list.</summary>
    private async Task<int> RemoveStaleWorkspacesAsync(CancellationToken ct)
    {
        var workspaces = await builds.ListWorkspacesAsync(ct);
        var stale = workspaces.Where(id => running.Find(id) is null).ToList();
        foreach (var build in stale) await builds.DeleteWorkspaceAsync(build, ct);
        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "cleanup: {Containers} containers, {Images} images, {Workspaces} build workspaces, {Deployments} deployment records, {OutboxRows} outbox rows removed")]
    private static partial void LogCleaned(ILogger logger, int containers, int images, int workspaces, int deployments, int outboxRows);
}
