using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>Checks and normalises port bindings (protocol lower case), reporting every problem at once.</summary>
public static class PortBindingValidator
{
    public static IReadOnlyList<PortBinding> Normalize(IReadOnlyList<PortBinding> ports)
    {
        var problems = new List<string>();
        var normalized = new List<PortBinding>(ports.Count);
        foreach (var port in ports)
        {
            var protocol = (port.Protocol ?? "").Trim().ToLowerInvariant();
            var hostIp = (port.HostIp ?? "").Trim();
            if (hostIp == "0.0.0.0")
            {
                hostIp = ""; // Both mean every host address.
            }
            var text = $"{port.Protocol}:{port.HostPort}:{port.ContainerPort}";
            if (protocol is not ("tcp" or "udp"))
            {
                problems.Add($"{text}: protocol must be tcp or udp");
            }
            if (port.HostPort is < 1 or > 65535)
            {
                problems.Add($"{text}: host port {port.HostPort} is outside 1-65535");
            }
            if (port.ContainerPort is < 1 or > 65535)
            {
                problems.Add($"{text}: container port {port.ContainerPort} is outside 1-65535");
            }
            if (hostIp.Length > 0 && !(IPAddress.TryParse(hostIp, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork))
            {
                problems.Add($"{text}: host IP '{hostIp}' is not an IPv4 address");
            }
            else if (hostIp.Length > 0 && IPAddress.IsLoopback(IPAddress.Parse(hostIp)))
            {
                // Serving 127.0.0.0/8 needs route_localnet on the bridge, which lets containers reach the host's loopback.
                problems.Add($"{text}: host IP '{hostIp}' is a loopback address, and published ports are not served on 127.0.0.0/8; leave the host IP empty (every other host address) or name a non-loopback one");
            }
            var binding = new PortBinding(protocol, port.HostPort, port.ContainerPort, hostIp);
            var clash = normalized.FirstOrDefault(other => Overlaps(other, binding));
            if (clash is not null)
            {
                problems.Add($"{text}: host port {protocol}/{port.HostPort} is given twice");
            }
            normalized.Add(binding);
        }
        if (problems.Count > 0)
        {
            throw new InvalidPortBindingException(problems);
        }
        return normalized;
    }

    /// <summary>Two bindings collide when protocol and host port match and their host addresses overlap (empty = every address).</summary>
    public static bool Overlaps(PortBinding a, PortBinding b) =>
        string.Equals(a.Protocol, b.Protocol, StringComparison.OrdinalIgnoreCase)
        && a.HostPort == b.HostPort
        && (a.HostIp.Length == 0 || b.HostIp.Length == 0 || a.HostIp == b.HostIp);
}
