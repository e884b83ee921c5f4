using System.Globalization;
using Paas.Core.Builds;
using Paas.Core.Deploys;
using Paas.Core.Releases;

namespace Paas.Engine.Deploys;

/// <summary>
/// Heroku's app.json <c>scripts.postdeploy</c>, as Dokku runs it: once, after the first deploy that
/// gets that far, in a one-off container of the new release; never again for the app. Recorded only
/// once it succeeded, so a failing one runs again on the next deploy.
/// </summary>
public sealed partial class Deployer
{
    /// <summary>The app setting that records that scripts.postdeploy ran (the release it ran for).</summary>
    public const string FirstDeployPostdeployKey = "app-json.first-deploy-postdeploy";

    private async Task RunFirstDeployPostdeployAsync(DeployContext context, Release release, int version, DeployLog log, CancellationToken ct)
    {
        var command = context.AppJson.FirstDeployPostdeploy;
        if (string.IsNullOrWhiteSpace(command)) return;
        var appId = context.App.Id;
        if (await op.ReadAsync(s => s.AppSettings.GetAsync(appId, FirstDeployPostdeployKey, ct), ct) is not null) return;

        var v = version.ToString(CultureInfo.InvariantCulture);
        await log.EnterAsync("first-deploy postdeploy", ct);
        await log.WriteLineAsync(BuildOutput.Step($"Running scripts.postdeploy (once, on the app's first deploy): {command}"), ct);
        await oneOff.RunAsync(context.App, release, $"scripts.postdeploy (v{v} serves already; it runs again on the next deploy)",
            [AppImage.Exec, "/bin/sh", "-c", command], "postdeploy", context.Port, context.Limits, context.Storage, log, ct);
        await op.RunAsync(async s =>
        {
            await s.AppSettings.SetAsync(appId, FirstDeployPostdeployKey, "v" + v, ct);
            return true;
        }, ct);
    }
}
