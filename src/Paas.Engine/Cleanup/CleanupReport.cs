namespace Paas.Engine.Cleanup;

/// <summary>What one cleanup pass removed.</summary>
public sealed record CleanupReport(int Containers, int Images, int Workspaces, int Deployments, int OutboxRows);
