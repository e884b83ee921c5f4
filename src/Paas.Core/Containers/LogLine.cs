namespace Paas.Core.Containers;

/// <summary>One line a container wrote, with where it came from.</summary>
public sealed record LogLine(
    DateTimeOffset Timestamp,
    LogStream Stream,
    string App,
    string ProcessType,
    string ContainerId,
    string Text);
