using Paas.Core.Auth;
using Paas.Core.Builds;

namespace Paas.Engine.Builds;

/// <summary>
/// What an app's builds leave on the host, removed with the app (apps:destroy): its running builds
/// are cancelled first, then its build logs and its build cache go.
/// </summary>
public sealed class AppBuildData(RunningBuilds running, IBuildLogStore logs, IBuildRunner runner)
{
    public async Task DeleteAsync(long appId, Actor actor, CancellationToken ct)
    {
        foreach (var build in running.OfApp(appId))
            build.Cancel($"the app was destroyed by {actor.Name}");
        await logs.DeleteAppAsync(appId, ct);
        await runner.PurgeCacheAsync(appId, ct);
    }
}
