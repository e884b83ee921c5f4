namespace Paas.Host.Configuration;

/// <summary>A bad or missing setting: reported as one line, exit code 1.</summary>
public sealed class SettingsException(string message) : Exception(message);
