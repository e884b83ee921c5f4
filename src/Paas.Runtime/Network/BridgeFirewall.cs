using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>
/// Installs, replaces and removes the nftables table of one bridge (<see cref="BridgeFirewallRules"/>)
/// and makes bridged traffic pass through it. Callers hold <see cref="CniHostLock"/>.
/// </summary>
internal static class BridgeFirewall
{
    public static async Task ApplyAsync(NetworkSettings settings, IReadOnlyList<FirewallMember> members, CancellationToken ct)
    {
        var script = BridgeFirewallRules.Script(settings, members);
        var result = await NetworkProcess.RunAsync("nft", ["-f", "-"], null, script, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException(
                $"loading the isolation rules of bridge {settings.BridgeName} (nft -f) failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>Idempotent: a table that is not there is success.</summary>
    public static async Task RemoveAsync(string bridge, CancellationToken ct)
    {
        var table = BridgeFirewallRules.TableName(bridge);
        ProcessOutput list;
        try
        {
            list = await NetworkProcess.RunAsync("nft", ["list", "table", BridgeFirewallRules.Family, table], null, null, ct);
        }
        catch (FileNotFoundException)
        {
            return; // Without nft there is no table to remove (attach would have failed).
        }
        if (list.ExitCode != 0)
        {
            return;
        }
        var result = await NetworkProcess.RunAsync("nft", ["delete", "table", BridgeFirewallRules.Family, table], null, null, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException($"nft delete table {BridgeFirewallRules.Family} {table} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    public static bool BridgeExists(string bridge) => Directory.Exists($"/sys/class/net/{bridge}/bridge");

    /// <summary>
    /// Traffic between two ports of a bridge never reaches the inet hooks unless br_netfilter hands
    /// it over; this bridge asks for that itself (<c>nf_call_iptables</c>), whatever the host-wide
    /// sysctl says. Without br_netfilter the same-bridge rules would not hold, so that is an error.
    /// Also turns off <c>route_localnet</c>, which an older portmap config (snat) had turned on.
    /// </summary>
    public static async Task PrepareBridgeAsync(string bridge, CancellationToken ct)
    {
        if (!Directory.Exists("/proc/sys/net/bridge"))
        {
            await NetworkProcess.RunAsync("modprobe", ["br_netfilter"], null, null, ct);
        }
        if (!Directory.Exists("/proc/sys/net/bridge"))
        {
            throw new ContainerNetworkException(
                "br_netfilter is not loaded, so traffic between containers on the bridge would bypass the isolation rules: " +
                "run 'modprobe br_netfilter' (and add it to /etc/modules-load.d) or use a kernel with CONFIG_BRIDGE_NETFILTER");
        }
        var result = await NetworkProcess.RunAsync("ip",
            ["link", "set", bridge, "type", "bridge", "nf_call_iptables", "1", "nf_call_ip6tables", "1"], null, null, ct);
        var flag = $"/sys/class/net/{bridge}/bridge/nf_call_iptables";
        if (result.ExitCode != 0 || !File.Exists(flag) || (await File.ReadAllTextAsync(flag, ct)).Trim() != "1")
        {
            throw new ContainerNetworkException(
                $"cannot make bridge {bridge} pass its traffic to nftables (ip link set {bridge} type bridge nf_call_iptables 1): {result.Stderr.Trim()}");
        }
        var routeLocalnet = $"/proc/sys/net/ipv4/conf/{bridge}/route_localnet";
        if (File.Exists(routeLocalnet) && (await File.ReadAllTextAsync(routeLocalnet, ct)).Trim() != "0")
        {
            await File.WriteAllTextAsync(routeLocalnet, "0", ct);
        }
    }
}
