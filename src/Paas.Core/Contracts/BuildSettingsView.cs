namespace Paas.Core.Contracts;

/// <summary>`builds:report APP`: the effective build settings (set or default) and whether each was set.</summary>
public sealed record BuildSettingsView(string Timeout, string Memory, string Cpus, int Parallel, IReadOnlyList<string> Set);
