using System.Text.Json.Nodes;
using Paas.Core.Containers;

namespace Paas.Runtime.Oci;

/// <summary>
/// The process spec for `runtime exec --process`: the container's own process (user, env, capabilities,
/// rlimits, no-new-privileges) as its config.json has it, with another command and, when asked, a terminal.
/// Just what `runtime exec ID CMD...` derives from the same config, which is how plain exec runs.
/// </summary>
internal static class ExecProcessSpec
{
    public static string From(string configJson, IReadOnlyList<string> command, bool terminal, TerminalSize? size)
    {
        var config = JsonNode.Parse(configJson) ?? throw new ContainerException("the container's config.json is empty");
        var process = config["process"]?.DeepClone().AsObject() ?? throw new ContainerException("the container's config.json has no process");
        process["args"] = new JsonArray(command.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        process["terminal"] = terminal;
        process.Remove("consoleSize");
        if (terminal && size is { IsValid: true })
            process["consoleSize"] = new JsonObject { ["height"] = size.Rows, ["width"] = size.Columns };
        return process.ToJsonString();
    }
}
