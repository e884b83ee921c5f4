namespace Paas.Core.Contracts;

/// <summary>
/// `builds:report APP`: the effective build settings (set or default) and whether each was set;
/// <see cref="ImageRetention"/> is how many of the app's newest images are kept.
/// </summary>
public sealed record BuildSettingsView(string Timeout, string Memory, string Cpus, int Parallel, IReadOnlyList<string> Set, int ImageRetention = 5);
