using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>A CNI plugin failed; carries its CNI error code, message and details, and what it logged on stderr.</summary>
public sealed class CniPluginException : ContainerNetworkException
{
    public CniPluginException(string plugin, string command, string containerId, int exitCode, int? code, string pluginMessage, string? details, string stderr)
        : base(Describe(plugin, command, containerId, exitCode, code, pluginMessage, details, stderr))
    {
        Plugin = plugin;
        Command = command;
        ContainerId = containerId;
        ExitCode = exitCode;
        Code = code;
        PluginMessage = pluginMessage;
        Details = details;
        Stderr = stderr;
    }

    public string Plugin { get; }
    public string Command { get; }
    public string ContainerId { get; }
    public int ExitCode { get; }

    /// <summary>CNI error code (7 invalid config, 11 try again later, 100+ plugin-specific); null when the plugin printed no error JSON.</summary>
    public int? Code { get; }

    public string PluginMessage { get; }
    public string? Details { get; }
    public string Stderr { get; }

    private static string Describe(string plugin, string command, string containerId, int exitCode, int? code, string message, string? details, string stderr)
    {
        var text = $"CNI plugin '{plugin}' {command} for container {containerId} failed (exit {exitCode}";
        text += code is null ? ")" : $", code {code})";
        text += ": " + message;
        if (!string.IsNullOrWhiteSpace(details))
        {
            text += " (" + details + ")";
        }
        if (!string.IsNullOrWhiteSpace(stderr))
        {
            text += "; stderr: " + stderr.Trim();
        }
        return text;
    }
}
