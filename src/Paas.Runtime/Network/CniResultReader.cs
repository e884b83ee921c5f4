using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>Reads the container's IPv4 address and gateway from a CNI result (1.0.0, or 0.3/0.4 with "version" keys).</summary>
internal static class CniResultReader
{
    public static NetworkAttachment ToAttachment(string containerId, string netnsPath, JsonObject? result, IReadOnlyList<PortBinding> ports)
    {
        foreach (var ip in (result?["ips"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var address = ((string?)ip["address"] ?? "").Split('/')[0];
            if (IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork
                && IPAddress.TryParse((string?)ip["gateway"], out var gateway))
            {
                return new NetworkAttachment(containerId, netnsPath, parsed, gateway, ports);
            }
        }
        throw new ContainerNetworkException($"the CNI result for container {containerId} has no IPv4 address with a gateway: {result?.ToJsonString()}");
    }

    /// <summary>The container's IPv4 address, or null when the result has none.</summary>
    public static IPAddress? AddressOf(JsonObject? result) =>
        (result?["ips"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(ip => IPAddress.TryParse(((string?)ip["address"] ?? "").Split('/')[0], out var parsed) ? parsed : null)
            .FirstOrDefault(a => a?.AddressFamily == AddressFamily.InterNetwork);
}
