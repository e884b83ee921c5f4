using System.Net;
using System.Net.Sockets;
using System.Text;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>One container on the bridge: its IPv4 address and the isolation group (app) it belongs to.</summary>
internal sealed record FirewallMember(string Group, IPAddress Address);

/// <summary>
/// The nftables script that isolates the containers of one bridge (docs/NETWORK-ISOLATION.md says
/// which rule stops which attack). The whole table is replaced in one transaction, so there is no
/// moment without rules. Only validated values go into it: the bridge name and subnet (checked by
/// <see cref="NetworkSettingsValidator"/>) and parsed IPv4 addresses; group names never do (they
/// become numbers).
/// </summary>
internal static class BridgeFirewallRules
{
    public const string Family = "inet";

    /// <summary>A table per bridge: bridges (and tests) do not share rules or sets.</summary>
    public static string TableName(string bridge) => "paas-" + bridge;

    public static string Script(NetworkSettings settings, IReadOnlyList<FirewallMember> members)
    {
        NetworkSettingsValidator.EnsureValid(settings);
        var table = $"{Family} {TableName(settings.BridgeName)}";
        var br = $"\"{settings.BridgeName}\"";
        var net = settings.Subnet;
        var groups = members
            .Where(m => m.Address.AddressFamily == AddressFamily.InterNetwork)
            .GroupBy(m => m.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(m => m.Address.ToString()).Distinct().Order(StringComparer.Ordinal).ToList())
            .ToList();

        var s = new StringBuilder();
        // "table; delete table; table {...}" creates it when missing and replaces it when present, atomically.
        s.Append($"table {table}\ndelete table {table}\ntable {table} {{\n");
        for (var i = 0; i < groups.Count; i++)
        {
            s.Append($"  set app{i} {{ type ipv4_addr; elements = {{ {string.Join(", ", groups[i])} }} }}\n");
            s.Append($"  chain app{i} {{ ip daddr @app{i} accept; }}\n");
        }
        s.Append("  map app_of { type ipv4_addr : verdict;");
        var pairs = groups.SelectMany((addresses, i) => addresses.Select(a => $"{a} : jump app{i}")).ToList();
        if (pairs.Count > 0)
        {
            s.Append($" elements = {{ {string.Join(", ", pairs)} }};");
        }
        s.Append(" }\n");
        s.Append($$"""
              chain pre_raw {
                type filter hook prerouting priority raw; policy accept;
                iifname {{br}} ip daddr 127.0.0.0/8 counter drop
                iifname {{br}} ip saddr != {{net}} counter drop
                iifname {{br}} meta nfproto ipv6 counter drop
              }
              chain input {
                type filter hook input priority filter; policy accept;
                iifname != {{br}} accept
                ct state established,related accept
                counter drop
              }
              chain forward {
                type filter hook forward priority filter; policy accept;
                ct state established,related accept
                oifname {{br}} ct status dnat accept
                iifname {{br}} oifname {{br}} jump same_bridge
                iifname {{br}} accept
                oifname {{br}} counter drop
              }
              chain same_bridge {
                ip saddr vmap @app_of
                counter drop
              }
              chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                ip saddr {{net}} oifname {{br}} ct status dnat masquerade
              }
            }

            """);
        return s.ToString();
    }
}
