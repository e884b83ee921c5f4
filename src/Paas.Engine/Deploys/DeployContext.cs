using Paas.Core.Apps;
using Paas.Core.Builds.AppJson;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.Releases;
using Paas.Core.Routing;
using Paas.Core.State;

namespace Paas.Engine.Deploys;

/// <summary>What a deploy or a scheduler pass reads about an app, in one transaction.</summary>
public sealed record DeployContext(
    App App,
    Release? Release,
    AppJsonDocument AppJson,
    IReadOnlyList<FormationEntry> Formation,
    IReadOnlyList<ProcessLimits> Limits,
    int Port,
    TimeSpan StopTimeout,
    TimeSpan WaitToRetire,
    RestartPolicy RestartPolicy,
    IReadOnlyList<Instance> Instances)
{
    /// <summary>Dokku's default: old containers take no new requests but get this long to finish the ones they have.</summary>
    public static readonly TimeSpan DefaultWaitToRetire = TimeSpan.FromSeconds(60);

    public const string WaitToRetireKey = "checks.wait-to-retire";

    public IReadOnlyDictionary<string, int> Desired =>
        Release is null ? new Dictionary<string, int>() : DesiredFormation.For(Release, Formation, null);

    /// <summary>Reads the app and <paramref name="version"/> (the serving release when null).</summary>
    public static async Task<DeployContext?> ReadAsync(IStateSession s, long appId, int? version, CancellationToken ct)
    {
        var app = (await s.Apps.ListAsync(ct)).FirstOrDefault(a => a.Id == appId);
        if (app is null) return null;
        var wanted = version ?? app.ServingRelease;
        var release = wanted is { } v ? await s.Releases.FindAsync(appId, v, ct) : null;
        var ports = await s.Ports.ListAsync(appId, ct);
        var port = ports.FirstOrDefault(p => p.Scheme is "http")?.ContainerPort ?? PortMapping.Default.ContainerPort;
        return new DeployContext(
            app, release, AppJsonParser.Parse(release?.AppJson),
            await s.Formation.ListAsync(appId, ct),
            await s.Formation.ListLimitsAsync(appId, ct),
            port,
            await ProcessSettings.StopTimeoutAsync(s.AppSettings, appId, ct),
            await WaitToRetireAsync(s.AppSettings, appId, ct),
            await ProcessSettings.RestartPolicyAsync(s.AppSettings, appId, ct),
            await s.Instances.ListAsync(appId, ct));
    }

    /// <summary>`checks:set APP wait-to-retire SECONDS` (0 retires at once).</summary>
    private static async Task<TimeSpan> WaitToRetireAsync(IAppSettingStore settings, long appId, CancellationToken ct) =>
        await settings.GetAsync(appId, WaitToRetireKey, ct) is { } text &&
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DefaultWaitToRetire;
}
