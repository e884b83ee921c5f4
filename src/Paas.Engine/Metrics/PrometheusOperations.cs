using Paas.Core.Auth;
using Paas.Core.Containers;
using Paas.Core.Metrics;
using Paas.Engine.Operations;

namespace Paas.Engine.Metrics;

/// <summary>
/// <c>GET /metrics</c> for the administrator's Prometheus: every instance's counters read live from
/// its cgroup (one pass, as the sampler does), and each app's serving release. The label for the
/// instance is <c>dyno</c> (<c>web.1</c>), because Prometheus gives <c>instance</c> to the scrape target.
/// </summary>
public sealed class PrometheusOperations(StateOperation op, IMetricsStore store, IContainerStatsReader reader)
{
    public async Task<string> ScrapeAsync(Actor actor, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "read the platform's metrics");
        var apps = await op.ReadAsync(s => s.Apps.ListAsync(ct), ct);
        var containers = await store.ListContainersAsync(ct);
        var running = containers.Where(c => c.MayRun).ToList();
        var stats = reader.Read(running.Select(c => c.ContainerId).ToList()).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var measured = running.Where(c => stats.ContainsKey(c.ContainerId)).ToList();

        return new PrometheusText()
            .Family("paas_container_cpu_seconds_total", "counter", "CPU time used by the instance's current container (restarts at 0 with a new container).",
                measured.Select(c => Sample(c, stats[c.ContainerId].CpuTime.TotalSeconds)))
            .Family("paas_container_memory_bytes", "gauge", "Memory charged to the instance's cgroup, page cache included.",
                measured.Select(c => Sample(c, stats[c.ContainerId].MemoryBytes)))
            .Family("paas_container_memory_limit_bytes", "gauge", "The instance's memory limit (absent when unlimited).",
                measured.Where(c => stats[c.ContainerId].MemoryLimitBytes is not null).Select(c => Sample(c, stats[c.ContainerId].MemoryLimitBytes!.Value)))
            .Family("paas_container_restarts_total", "counter", "Times the restart policy restarted the instance.",
                containers.Select(c => Sample(c, c.Restarts)))
            .Family("paas_container_up", "gauge", "1 when the instance's container runs, 0 when it exited, crashed or is being replaced.",
                containers.Select(c => Sample(c, stats.ContainsKey(c.ContainerId) ? 1 : 0)))
            .Family("paas_app_serving_release", "gauge", "The release version whose containers take the app's traffic (0: none yet).",
                apps.Select(a => new PrometheusSample([("app", a.Name)], a.ServingRelease ?? 0)))
            .Family("paas_app_stopped", "gauge", "1 when the app was stopped with ps:stop.",
                apps.Select(a => new PrometheusSample([("app", a.Name)], a.Stopped ? 1 : 0)))
            .ToString();
    }

    private static PrometheusSample Sample(SampledContainer c, double value) =>
        new([("app", c.App), ("process_type", c.ProcessType), ("dyno", $"{c.ProcessType}.{c.Instance}")], value);
}
