namespace Paas.Engine.Metrics;

/// <summary>What one sampler tick did: samples written, containers skipped (gone while read), minute rows rolled up and pruned.</summary>
public sealed record MetricsTick(int Sampled, int Skipped, int RolledUp, int Pruned);
