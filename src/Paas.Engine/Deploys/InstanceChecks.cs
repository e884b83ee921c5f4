using System.Net;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Engine.Checks;

namespace Paas.Engine.Deploys;

/// <summary>
/// Whether a freshly started instance may take over: its process type's check plan (app.json's
/// healthchecks, else the CHECKS file, else Dokku's defaults) run by the <see cref="HealthChecker"/>
/// against the container's own address, with the app's host name as the Host header.
/// </summary>
public sealed class InstanceChecks(HealthChecker checker, EngineSettings settings, TimeProvider time)
{
    /// <summary>Throws <see cref="DeployFailedException"/> with the check's reason when it fails.</summary>
    public async Task CheckAsync(DeployContext context, Instance instance, ContainerInfo container, IBuildOutput output, CancellationToken ct)
    {
        var plan = context.CheckPlanFor(instance.ProcessType);
        if (container.IpAddress is not { } address || !IPAddress.TryParse(address, out var ip))
            throw new DeployFailedException($"{instance.Dyno} has no network address: it cannot be checked or take traffic");
        var target = new CheckTarget(container.Id, instance.Dyno, ip, context.Port, $"{context.App.Name}.{settings.PlatformDomain}",
            Https: false, container.StartedAt ?? time.GetUtcNow());
        var result = await checker.RunAsync(plan, target, output, ct);
        if (!result.Passed)
            throw new DeployFailedException(result.Failure ?? $"{instance.Dyno} failed its checks", shownInOutput: result.Failure is not null);
    }
}
