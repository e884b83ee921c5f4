namespace Paas.Core.Metrics;

/// <summary>
/// The metrics tables. Not part of a state session: samples are written outside of any operation's
/// transaction, and nothing else commits with them.
/// </summary>
public interface IMetricsStore
{
    /// <summary>Every instance that has a container, with its app's name (the sampler's and /metrics' one query).</summary>
    Task<IReadOnlyList<SampledContainer>> ListContainersAsync(CancellationToken ct);

    /// <summary>Writes one tick's samples in one batch.</summary>
    Task WriteAsync(IReadOnlyList<ContainerSample> samples, CancellationToken ct);

    /// <summary>Turns raw samples before <paramref name="before"/> (a whole minute) into minute rows and deletes them; returns the minute rows written.</summary>
    Task<int> RollUpAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>Deletes minute rows before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct);

    /// <summary>Each of an app's instances' latest raw sample taken at or after <paramref name="since"/> (one per process type and instance).</summary>
    Task<IReadOnlyList<ContainerSample>> ReadLatestAsync(long appId, DateTimeOffset since, CancellationToken ct);

    /// <summary>An app's points from <paramref name="from"/> on, raw and rolled-up data together, in buckets of <paramref name="step"/>, per process type in time order.</summary>
    Task<IReadOnlyList<MetricsPointRow>> ReadAsync(long appId, DateTimeOffset from, TimeSpan step, CancellationToken ct);
}
