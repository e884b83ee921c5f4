using System.Text.Json.Nodes;

namespace Paas.Runtime.Network;

/// <summary>
/// What one attachment needs to be torn down later, even by a new paasd process: the exact
/// config list used for ADD, the capability arguments (portmap's DEL is a no-op without its
/// port mappings) and the final ADD result (DEL's prevResult). <see cref="Result"/> is null
/// while ADD is still running or after it failed. <see cref="IsolationGroup"/> (the app) decides
/// which containers of the bridge this one may reach; a record made before groups existed has
/// none and is a group of its own.
/// </summary>
internal sealed record CniCacheEntry(
    string ContainerId,
    string NetworkName,
    string IfName,
    byte[] ConfigList,
    JsonObject CapabilityArgs,
    JsonObject? Result,
    string? IsolationGroup = null)
{
    /// <summary>Not a libcni key: libcni and its tools ignore it.</summary>
    private const string IsolationGroupKey = "paasIsolationGroup";

    public string EffectiveGroup => IsolationGroup ?? "container:" + ContainerId;

    /// <summary>libcni's cniCacheV1 layout, so operators' CNI tooling can read it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = "cniCacheV1",
            ["containerId"] = ContainerId,
            ["config"] = Convert.ToBase64String(ConfigList),
            ["ifName"] = IfName,
            ["networkName"] = NetworkName,
            ["cniArgs"] = new JsonArray { new JsonArray { "IgnoreUnknown", "1" } },
            ["capabilityArgs"] = CapabilityArgs.DeepClone(),
        };
        if (Result is not null)
        {
            json["result"] = Result.DeepClone();
        }
        if (IsolationGroup is not null)
        {
            json[IsolationGroupKey] = IsolationGroup;
        }
        return json;
    }

    public static CniCacheEntry? FromJson(JsonObject json)
    {
        if ((string?)json["kind"] != "cniCacheV1"
            || (string?)json["containerId"] is not { Length: > 0 } containerId
            || (string?)json["config"] is not { } config)
        {
            return null;
        }
        return new CniCacheEntry(
            containerId,
            (string?)json["networkName"] ?? "",
            (string?)json["ifName"] ?? CniContainerNetwork.IfName,
            Convert.FromBase64String(config),
            json["capabilityArgs"] as JsonObject ?? new JsonObject(),
            json["result"] as JsonObject,
            (string?)json[IsolationGroupKey]);
    }
}
