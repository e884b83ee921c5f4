using System.Text.Json.Nodes;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>
/// The network configuration list (bridge with host-local IPAM, then portmap) and the CNI 1.0
/// rules that turn one of its plugins into the JSON a plugin reads on stdin.
/// </summary>
internal static class CniConfigList
{
    /// <summary>plugins 1.1.1 vendor libcni 1.0.1 and speak 1.0.0 at most.</summary>
    public const string CniVersion = "1.0.0";

    public static JsonObject Build(NetworkSettings settings, string ipamDataDir) => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = settings.BridgeName,
        // portmap 1.1.1 CHECK fails for IPv4-only containers (containernetworking/plugins#819).
        ["disableCheck"] = true,
        ["plugins"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = settings.BridgeName,
                ["isGateway"] = true,
                ["ipMasq"] = settings.OutboundNat,
                // Lets a container reach itself through a published host port.
                ["hairpinMode"] = true,
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray { new JsonArray { new JsonObject { ["subnet"] = settings.Subnet } } },
                    ["routes"] = new JsonArray { new JsonObject { ["dst"] = "0.0.0.0/0" } },
                    ["dataDir"] = ipamDataDir,
                },
            },
            new JsonObject
            {
                ["type"] = "portmap",
                ["capabilities"] = new JsonObject { ["portMappings"] = true },
                // No snat: with it portmap turns on route_localnet on the bridge, and a container with a
                // raw socket then reaches the host's 127.0.0.1 services. Hairpin traffic is masqueraded
                // by the bridge's nftables table instead; published ports are not served on 127.0.0.0/8
                // (docs/NETWORK-ISOLATION.md), so those DNAT rules skip it and connections there are refused.
                ["snat"] = false,
                ["conditionsV4"] = new JsonArray { "!", "-d", "127.0.0.0/8" },
            },
        },
    };

    /// <summary>Stand-alone network that brings up lo in the namespace, as container runtimes do before the real network.</summary>
    public static JsonObject Loopback() => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = "cni-loopback",
        ["type"] = "loopback",
    };

    public static IReadOnlyList<JsonObject> Plugins(JsonObject list) =>
        list["plugins"]!.AsArray().Select(p => p!.AsObject()).ToList();

    /// <summary>
    /// A plugin's stdin per the spec: the plugin object plus the list's cniVersion and name, the
    /// capability arguments it declares as runtimeConfig, the previous result as prevResult, and
    /// without "capabilities".
    /// </summary>
    public static JsonObject ForPlugin(JsonObject list, JsonObject plugin, JsonObject capabilityArgs, JsonObject? prevResult)
    {
        var config = plugin.DeepClone().AsObject();
        config["cniVersion"] = list["cniVersion"]?.DeepClone();
        config["name"] = list["name"]?.DeepClone();
        if (config["capabilities"] is JsonObject capabilities)
        {
            var runtimeConfig = new JsonObject();
            foreach (var (name, enabled) in capabilities)
            {
                if (enabled?.GetValueKind() == System.Text.Json.JsonValueKind.True && capabilityArgs[name] is { } value)
                {
                    runtimeConfig[name] = value.DeepClone();
                }
            }
            if (runtimeConfig.Count > 0)
            {
                config["runtimeConfig"] = runtimeConfig;
            }
            config.Remove("capabilities");
        }
        if (prevResult is not null)
        {
            config["prevResult"] = prevResult.DeepClone();
        }
        return config;
    }

    public static JsonObject CapabilityArgs(IReadOnlyList<PortBinding> ports)
    {
        var mappings = new JsonArray();
        foreach (var port in ports)
        {
            var mapping = new JsonObject
            {
                ["hostPort"] = port.HostPort,
                ["containerPort"] = port.ContainerPort,
                ["protocol"] = port.Protocol,
            };
            if (port.HostIp.Length > 0)
            {
                mapping["hostIP"] = port.HostIp;
            }
            mappings.Add(mapping);
        }
        return new JsonObject { ["portMappings"] = mappings };
    }

    public static IReadOnlyList<PortBinding> PortsFrom(JsonObject? capabilityArgs)
    {
        if (capabilityArgs?["portMappings"] is not JsonArray mappings)
        {
            return [];
        }
        return mappings.OfType<JsonObject>()
            .Select(m => new PortBinding(
                (string?)m["protocol"] ?? "tcp",
                (int?)m["hostPort"] ?? 0,
                (int?)m["containerPort"] ?? 0,
                (string?)m["hostIP"] ?? ""))
            .ToList();
    }
}
