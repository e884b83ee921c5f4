using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paas.Runtime.Network;

/// <summary>
/// Executes one CNI plugin the way the CNI 1.0 spec says: the plugin binary from the plugin
/// directory, CNI_* variables in the environment, the network config on stdin, a result or an
/// error JSON on stdout.
/// </summary>
internal sealed class CniPluginInvoker(string pluginDirectory)
{
    /// <summary>
    /// Plugins finish in well under a second; one that hangs (an iptables lock held elsewhere)
    /// must not hold the host-wide CNI lock for ever.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<JsonObject?> InvokeAsync(
        string command,
        string containerId,
        string? netnsPath,
        string ifName,
        JsonObject config,
        CancellationToken ct)
    {
        var plugin = (string?)config["type"] ?? throw new ArgumentException("plugin config has no type", nameof(config));
        var binary = Path.Combine(pluginDirectory, plugin);
        if (!File.Exists(binary))
        {
            throw new CniPluginException(plugin, command, containerId, -1, null,
                $"plugin binary {binary} not found (install the containernetworking-plugins package)", null, "");
        }

        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = pluginDirectory,
            // Plugins reject CNI_ARGS keys they don't know unless told to ignore them.
            ["CNI_ARGS"] = "IgnoreUnknown=1",
            ["CNI_NETNS"] = netnsPath ?? "",
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        ProcessOutput output;
        try
        {
            output = await NetworkProcess.RunAsync(binary, [], environment, config.ToJsonString(), timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CniPluginException(plugin, command, containerId, -1, null, $"timed out after {Timeout.TotalSeconds:0} s and was killed", null, "");
        }
        if (output.ExitCode != 0)
        {
            throw Failure(plugin, command, containerId, output);
        }
        if (string.IsNullOrWhiteSpace(output.Stdout))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(output.Stdout) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new CniPluginException(plugin, command, containerId, 0, null, $"unreadable result: {e.Message}", null, output.Stderr);
        }
    }

    private static CniPluginException Failure(string plugin, string command, string containerId, ProcessOutput output)
    {
        try
        {
            if (JsonNode.Parse(output.Stdout) is JsonObject error)
            {
                return new CniPluginException(plugin, command, containerId, output.ExitCode,
                    (int?)error["code"], (string?)error["msg"] ?? "(no message)", (string?)error["details"], output.Stderr);
            }
        }
        catch (JsonException)
        {
            // Not an error JSON: fall through and report the raw output.
        }
        var message = string.IsNullOrWhiteSpace(output.Stdout) ? "(no error JSON on stdout)" : output.Stdout.Trim();
        return new CniPluginException(plugin, command, containerId, output.ExitCode, null, message, null, output.Stderr);
    }
}
