namespace Paas.Core.Metrics;

/// <summary>
/// An instance (a <c>containers</c> row) with a container, as the sampler and /metrics see it:
/// <see cref="State"/> is the row's (running, checking, exited, ...).
/// </summary>
public sealed record SampledContainer(
    long AppId,
    string App,
    string ProcessType,
    int Instance,
    string ContainerId,
    string State,
    int Restarts,
    DateTimeOffset? StartedAt);
