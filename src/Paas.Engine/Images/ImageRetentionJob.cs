using Microsoft.Extensions.Logging;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.State;
using Paas.Engine.Builds;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;

namespace Paas.Engine.Images;

/// <summary>
/// The job that deletes an app's images beyond its retention (<see cref="ImageRetentionPlan"/>;
/// `builds:set APP image-retention N`, default 5). Asked for (through the outbox) by every deploy's
/// switch, by the retirement of an instance of a release that no longer serves (it held its image until
/// then), by a retention change and by apps:destroy; and run for every app by the hourly cleanup. Takes the app's id
/// only and is safe to run twice. It holds the app's deploy lock, so no deploy or rollback of the app
/// starts a container on an image while it decides.
/// </summary>
public sealed partial class ImageRetentionJob(
    StateOperation op,
    IAppLocks locks,
    IImageStore images,
    IContainerRuntime runtime,
    Scheduler scheduler,
    ILogger<ImageRetentionJob> logger)
{
    /// <summary>Returns how many images it deleted.</summary>
    public async Task<int> RunAsync(long appId, CancellationToken ct)
    {
        try
        {
            await using var held = await locks.AcquireAsync(appId, ct);
            return await ApplyAsync(appId, ct);
        }
        finally
        {
            // A scheduler pass that found the lock taken was skipped (a retirement due, say): it looks again now.
            scheduler.Poke(appId);
        }
    }

    private async Task<int> ApplyAsync(long appId, CancellationToken ct)
    {
        var state = await op.ReadAsync(async s =>
        {
            var app = (await s.Apps.ListAsync(ct)).FirstOrDefault(a => a.Id == appId);
            var releases = app is null ? [] : await s.Releases.ListAsync(appId, ct);
            var retention = app is null ? 0 : await BuildSettings.ImageRetentionAsync(s.AppSettings, appId, ct);
            var unfinished = (await s.Builds.ListUnfinishedAsync(ct)).Where(b => b.AppId == appId).Select(b => b.Id).ToHashSet();
            return (App: app, Releases: releases, Retention: retention, Unfinished: unfinished);
        }, ct);
        // Read after the state: a container started since uses a release read above, or is seen here.
        var used = (await runtime.ListAsync(ct)).Select(c => c.Spec.Image).ToHashSet(StringComparer.Ordinal);
        var appImages = (await images.ListAsync(ct)).Where(i => ImageRetentionPlan.AppOf(i.Reference) == appId).ToList();
        var doomed = ImageRetentionPlan.Doomed(appId, appImages, state.Releases, state.App?.ServingRelease, state.Retention, used, state.Unfinished);

        var deleted = 0;
        foreach (var image in doomed)
        {
            try
            {
                await images.DeleteAsync(image.Reference, ct);
                deleted++;
            }
            catch (ImageNotFoundException)
            {
                // Deleted by a run before this one.
            }
        }
        if (deleted > 0) LogDeleted(logger, deleted, appId, state.App?.Name ?? "(destroyed)", state.Retention);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "deleted {Count} images of app {AppId} ({App}) beyond its retention of {Retention}")]
    private static partial void LogDeleted(ILogger logger, int count, long appId, string app, int retention);
}
