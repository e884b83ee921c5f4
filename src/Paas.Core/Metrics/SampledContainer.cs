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
    DateTimeOffset? StartedAt)
{
    /// <summary>
    /// Whether its container may be running: checked and serving, or still draining while it retires.
    /// Exited and crashed instances keep the id of a container that has stopped.
    /// </summary>
    public bool MayRun => State is "starting" or "checking" or "running" or "retiring";
}
