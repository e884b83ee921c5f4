namespace Paas.Core.Containers;

/// <summary>
/// What paasd finds at start: containers still running under their monitors, and containers
/// that exited while it was away (exit code and OOM already recorded).
/// </summary>
public sealed record RecoveryReport(
    IReadOnlyList<ContainerInfo> Running,
    IReadOnlyList<ContainerInfo> ExitedMeanwhile,
    IReadOnlyList<ContainerInfo> Created);
