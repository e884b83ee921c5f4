using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Routing;
using Paas.Engine.Deploys;
using Paas.Engine.Formation;
using Paas.Engine.Routing;
using AppRecord = Paas.Core.Apps.App;

namespace Paas.Dashboard.Apps;

/// <summary>One row of the apps list: what ps:report, domains:report and resource:limit say about an app.</summary>
public sealed record AppSummary(
    AppRecord App,
    AppStatus Status,
    DeploymentView? LastDeploy,
    string? Url,
    int Instances,
    int DesiredInstances,
    long? MemoryLimitBytes);

/// <summary>Reads the summaries with the same Engine operations as ps:report, domains:report, ports:list and resource:limit.</summary>
public sealed class AppSummaries(ProcessOperations processes, DomainOperations domains, PortOperations ports, FormationOperations formation,
    Engine.EngineSettings settings)
{
    public async Task<AppSummary> ReadAsync(Actor actor, AppRecord app, CancellationToken ct)
    {
        var report = await processes.ReportAsync(actor, app.Name, ct);
        var url = AppUrls.Of(app.Name, settings.PlatformDomain, await domains.ListAsync(actor, app.Name, ct), (await ports.ListAsync(actor, app.Name, ct)).Select(p => p.Mapping).ToList());
        var limits = await formation.ListLimitsAsync(actor, app.Name, ct);
        return new AppSummary(app, AppStatuses.Of(report), report.Deployments.FirstOrDefault(), url,
            report.Instances.Count(i => i.State == "running"), report.Formation.Values.Sum(),
            limits.FirstOrDefault(l => l.ProcessType is null)?.MemoryBytes);
    }
}

/// <summary>
/// Where users reach an app: its first own domain, else APP.$PAAS_DOMAIN (which the routing table always
/// gives it), through the first HTTPS, else HTTP, port mapping.
/// </summary>
public static class AppUrls
{
    public static string? Of(string app, string platformDomain, IReadOnlyList<string> domains, IReadOnlyList<PortMapping> ports)
    {
        var host = domains.Count > 0 ? domains[0] : $"{app}.{platformDomain}";
        var mapping = ports.FirstOrDefault(p => p.Scheme == "https") ?? ports.FirstOrDefault(p => p.Scheme == "http");
        if (mapping is null) return null;
        var standard = (mapping.Scheme, mapping.HostPort) is ("http", 80) or ("https", 443);
        return standard ? $"{mapping.Scheme}://{host}" : $"{mapping.Scheme}://{host}:{mapping.HostPort}";
    }
}
