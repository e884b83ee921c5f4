using Paas.Core.Containers;
using Paas.Core.Metrics;

namespace Paas.Engine.Metrics;

/// <summary>
/// One tick of metrics: the instances whose container may run (one query), their cgroup counters
/// (one pass of file reads), one batch insert; then raw samples older than the raw retention are
/// rolled into minute rows and minute rows past the retention are deleted. CPU percent is the
/// container's CPU time since its previous sample (kept here, in memory) over the wall time between
/// the two reads; a container seen for the first time is measured since it started.
/// Ticks run one at a time (the hosted service awaits each).
/// </summary>
public sealed class MetricsSampler(IMetricsStore store, IContainerStatsReader reader, MetricsSettings settings, TimeProvider time)
{
    private Dictionary<string, ContainerStats> _previous = new(StringComparer.Ordinal);

    public async Task<MetricsTick> TickAsync(CancellationToken ct)
    {
        var running = (await store.ListContainersAsync(ct)).Where(c => c.MayRun).ToList();
        var readings = reader.Read(running.Select(c => c.ContainerId).ToList()).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var samples = new List<ContainerSample>(readings.Count);
        foreach (var container in running)
        {
            if (!readings.TryGetValue(container.ContainerId, out var stats)) continue;
            samples.Add(new ContainerSample(container.AppId, container.ProcessType, container.Instance, container.ContainerId, now,
                (long)(stats.CpuTime.Ticks * 100), PercentSincePrevious(container, stats), stats.MemoryBytes, stats.MemoryLimitBytes,
                container.Restarts));
        }
        await store.WriteAsync(samples, ct);
        // Only after the write: a tick that failed leaves the previous readings, so the next one measures across both.
        _previous = readings;

        // Whole minutes only, so that a minute is rolled up once, with all of its samples.
        var rawCutoff = now - settings.RawRetention;
        var rolled = await store.RollUpAsync(new DateTimeOffset(rawCutoff.Ticks - rawCutoff.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero), ct);
        var pruned = await store.PruneAsync(now - settings.Retention, ct);
        return new MetricsTick(samples.Count, running.Count - samples.Count, rolled, pruned);
    }

    private double PercentSincePrevious(SampledContainer container, ContainerStats stats)
    {
        if (_previous.TryGetValue(stats.Id, out var before) && stats.ReadAt > before.ReadAt)
            return CpuPercent.Over(stats.CpuTime - before.CpuTime, stats.ReadAt - before.ReadAt);
        return container.StartedAt is { } started ? CpuPercent.Over(stats.CpuTime, stats.ReadAt - started) : 0;
    }
}
