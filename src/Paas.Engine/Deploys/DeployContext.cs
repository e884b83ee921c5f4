using Paas.Core.Apps;
using Paas.Core.Builds.AppJson;
using Paas.Core.Checks;
using Paas.Core.Deploys;
using Paas.Core.Formation;
using Paas.Core.Releases;
using Paas.Core.Routing;
using Paas.Core.State;
using Paas.Core.Storage;

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
    CheckSettings Checks,
    ChecksFile ChecksFile,
    RestartPolicy RestartPolicy,
    IReadOnlyList<Instance> Instances)
{
    /// <summary>checks:set wait-to-retire: old containers take no new requests but get this long to finish the ones they have.</summary>
    public TimeSpan WaitToRetire => Checks.WaitToRetire;

    /// <summary>storage:mount: the app's volumes, bound into every container of its run phase.</summary>
    public IReadOnlyList<StorageMount> Storage { get; init; } = [];

    public IReadOnlyDictionary<string, int> Desired =>
        Release is null
            ? new Dictionary<string, int>()
            : DesiredFormation.For(Release, Formation, AppJson.Formation
                .Where(f => f.Value.Quantity is not null).ToDictionary(f => f.Key, f => f.Value.Quantity!.Value));

    /// <summary>What runs before an instance of <paramref name="processType"/> takes over (app.json, else CHECKS, else the defaults).</summary>
    public CheckPlan CheckPlanFor(string processType) => CheckPlan.For(processType, AppJson.Healthchecks, ChecksFile, Checks);

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
            await CheckSettings.LoadAsync(s.AppSettings, s.Settings, appId, ct),
            ChecksFileParser.Parse(release?.ChecksFile),
            await ProcessSettings.RestartPolicyAsync(s.AppSettings, appId, ct),
            await s.Instances.ListAsync(appId, ct))
        {
            Storage = await s.Storage.ListAsync(appId, ct),
        };
    }
}
