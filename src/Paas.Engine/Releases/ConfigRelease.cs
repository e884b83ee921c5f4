using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.State;

namespace Paas.Engine.Releases;

/// <summary>
/// A config change on a deployed app is a new release: same image, process types and app.json as the
/// serving release (never a release whose deploy failed), with the new config snapshot. Apps
/// without a release get none (nothing runs yet).
/// </summary>
public static class ConfigRelease
{
    public static async Task<int?> CreateIfDeployedAsync(IStateSession s, App app, Actor actor, string description, CancellationToken ct)
    {
        var latest = app.ServingRelease is { } serving
            ? await s.Releases.FindAsync(app.Id, serving, ct)
            : await s.Releases.FindLatestAsync(app.Id, ct);
        if (latest is null) return null;
        var config = await s.Config.GetAllAsync(app.Id, ct);
        var release = await s.Releases.CreateAsync(
            new NewRelease(app.Id, latest.ImageDigest, config, latest.ProcessTypes, description, actor.Name, latest.Commit,
                AppJson: latest.AppJson, ChecksFile: latest.ChecksFile), ct);
        await s.Apps.SetCurrentReleaseAsync(app.Id, release.Version, ct);
        return release.Version;
    }
}
