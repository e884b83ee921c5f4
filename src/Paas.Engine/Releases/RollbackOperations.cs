using System.Globalization;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Contracts;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.Images;
using Paas.Core.State;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;

namespace Paas.Engine.Releases;

/// <summary>
/// releases:rollback APP vN: release N's image, process types and config become a new release
/// (the app's config vars are set back to N's too, so the next config:set builds on them), which is
/// then deployed like any other. History is never rewritten. A release whose image the retention
/// deleted is refused with a word on why.
/// </summary>
public sealed class RollbackOperations(StateOperation op, Deployer deployer, IImageStore images)
{
    public async Task<DeployResult> RollbackAsync(Actor actor, string app, int version, IBuildOutput? output, CancellationToken ct)
    {
        if (version < 1)
            throw new ValidationException("version", $"release version {version} is invalid: give one that `paas releases {app}` lists, for example v3");
        var (found, created) = await op.RunAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var target = await s.Releases.FindAsync(a.Id, version, ct)
                ?? throw new NotFoundException($"app '{app}' has no release v{version}: `paas releases {app}` lists them");
            if (target.ImageDigest is null)
                throw new ConflictException($"release v{version} of '{app}' has no image (it was made before any code was pushed): pick a later one");
            if (await images.FindAsync(target.ImageDigest, ct) is null)
                throw new ConflictException(
                    $"the image of release v{version} of '{app}' was deleted: the app keeps the images of its last " +
                    $"{await Builds.BuildSettings.ImageRetentionAsync(s.AppSettings, a.Id, ct)} builds (`paas builds:set {app} image-retention N`); pick a later release");
            var current = await s.Config.GetAllAsync(a.Id, ct);
            await s.Config.UnsetAsync(a.Id, current.Keys.Where(k => !target.Config.ContainsKey(k)).ToList(), ct);
            await s.Config.SetAsync(a.Id, target.Config, ct);
            var release = await s.Releases.CreateAsync(new NewRelease(
                a.Id, target.ImageDigest, target.Config, target.ProcessTypes, $"Rollback to v{version}", actor.Name,
                target.Commit, target.BuildId, target.AppJson, target.ChecksFile), ct);
            await s.Apps.SetCurrentReleaseAsync(a.Id, release.Version, ct);
            await StateOperation.AuditAsync(s, actor, "releases:rollback", app, ct,
                ("to", version.ToString(CultureInfo.InvariantCulture)), ("release", release.Version.ToString(CultureInfo.InvariantCulture)));
            return (a, release.Version);
        }, ct);
        var deployment = await deployer.DeployAsync(actor, found, created, DeployReason.Rollback, output, ct);
        return new DeployResult(created, deployment.Id);
    }
}
