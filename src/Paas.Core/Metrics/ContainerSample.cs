namespace Paas.Core.Metrics;

/// <summary>One container's reading in one tick (a <c>container_samples</c> row). CPU percent: 100 = one core.</summary>
public sealed record ContainerSample(
    long AppId,
    string ProcessType,
    int Instance,
    string ContainerId,
    DateTimeOffset SampledAt,
    long CpuNanoseconds,
    double CpuPercent,
    long MemoryBytes,
    long? MemoryLimitBytes,
    int Restarts);
