using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>Checks <see cref="NetworkSettings"/> before anything touches the host, reporting every problem at once.</summary>
public static class NetworkSettingsValidator
{
    /// <summary>Linux interface names are at most 15 bytes (IFNAMSIZ 16 with the NUL).</summary>
    public const int MaxBridgeNameLength = 15;

    public static IReadOnlyList<string> Validate(NetworkSettings settings)
    {
        var problems = new List<string>();
        var bridge = settings.BridgeName;
        if (string.IsNullOrEmpty(bridge) || bridge.Length > MaxBridgeNameLength
            || bridge is "." or ".." || !bridge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            problems.Add($"bridge name '{bridge}' must be 1-{MaxBridgeNameLength} characters of letters, digits, '-', '_' or '.'");
        }

        // IPNetwork.TryParse accepts "10.213.0.1/24" and masks it; host-local would not, so insist on the network address.
        if (!IPNetwork.TryParse(settings.Subnet ?? "", out var subnet)
            || subnet.BaseAddress.ToString() != (settings.Subnet ?? "").Split('/')[0])
        {
            problems.Add($"subnet '{settings.Subnet}' is not a network in CIDR form with zero host bits, e.g. 10.213.0.0/16");
        }
        else if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            problems.Add($"subnet '{settings.Subnet}' must be IPv4");
        }
        else if (subnet.PrefixLength is < 8 or > 30)
        {
            problems.Add($"subnet '{settings.Subnet}' needs a prefix between /8 and /30 (room for a gateway and containers)");
        }
        return problems;
    }

    public static void EnsureValid(NetworkSettings settings)
    {
        var problems = Validate(settings);
        if (problems.Count > 0)
        {
            throw new InvalidNetworkSettingsException(problems);
        }
    }
}
