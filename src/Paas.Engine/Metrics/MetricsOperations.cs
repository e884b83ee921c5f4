using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Metrics;
using Paas.Engine.Operations;

namespace Paas.Engine.Metrics;

/// <summary>
/// <c>metrics APP [--range 1h|24h]</c>: an app's CPU, memory and restarts per process type over the
/// range, as chart series (see <see cref="MetricsRange"/> for the point widths). Same access rule as
/// every app operation: a developer not granted the app gets 404.
/// </summary>
public sealed class MetricsOperations(StateOperation op, IMetricsStore store, TimeProvider time)
{
    public async Task<AppMetrics> GetMetricsAsync(Actor actor, string app, string? range, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.AddIf("app", AppName.Problem(app));
        errors.AddIf("range", MetricsRange.Problem(range));
        errors.ThrowIfAny();
        var parsed = MetricsRange.Parse(range);

        var found = await op.ReadAsync(s => StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct), ct);
        var to = time.GetUtcNow();
        var from = to - parsed.Span;
        var rows = await store.ReadAsync(found.Id, from, parsed.Step, ct);
        var processes = rows
            .GroupBy(r => r.ProcessType, StringComparer.Ordinal)
            .Select(g => new ProcessMetrics(g.Key, g.Last().MemoryLimitBytes,
                g.Select(r => new MetricsPoint(r.Time, Math.Round(r.CpuPercent, 2), Math.Round(r.CpuPercentMax, 2), r.MemoryBytes, r.MemoryBytesMax, r.Restarts))
                    .ToList()))
            .ToList();
        return new AppMetrics(found.Name, parsed.Name, (int)parsed.Step.TotalSeconds, from, to, processes);
    }

    /// <summary>
    /// Each instance's latest sample, if taken within <paramref name="maxAge"/>: an instance the sampler
    /// has not measured lately (stopped, or just started) has no figures rather than old ones.
    /// </summary>
    public async Task<IReadOnlyList<InstanceUsage>> GetUsageAsync(Actor actor, string app, TimeSpan maxAge, CancellationToken ct)
    {
        var found = await op.ReadAsync(s => StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct), ct);
        var samples = await store.ReadLatestAsync(found.Id, time.GetUtcNow() - maxAge, ct);
        return samples
            .Select(s => new InstanceUsage($"{s.ProcessType}.{s.Instance}", s.ContainerId, s.SampledAt, Math.Round(s.CpuPercent, 1), s.MemoryBytes, s.MemoryLimitBytes))
            .ToList();
    }
}
