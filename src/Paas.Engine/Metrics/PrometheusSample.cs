namespace Paas.Engine.Metrics;

/// <summary>One line of a family: its labels in order, and the value.</summary>
public sealed record PrometheusSample(IReadOnlyList<(string Name, string Value)> Labels, double Value);
