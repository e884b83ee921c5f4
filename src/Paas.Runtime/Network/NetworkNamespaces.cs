using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>Named network namespaces (<c>ip netns</c>), bind-mounted under /run/netns so they outlive any process.</summary>
internal static class NetworkNamespaces
{
    public const string Directory = "/run/netns";

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static bool Exists(string name) => File.Exists(PathOf(name));

    public static async Task CreateAsync(string name, CancellationToken ct)
    {
        var result = await NetworkProcess.RunAsync("ip", ["netns", "add", name], null, null, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException($"ip netns add {name} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>
    /// Sysctls of a container's netns, written from the host before the plugins run, one path for
    /// every netns: runc cannot write `linux.sysctl` into a netns the host made (it belongs to the
    /// host's user namespace), and one that runc made in the container's user namespace is plumbed
    /// by us anyway. Container root may change them afterwards in its own netns; the bridge's nft
    /// table does not rely on them (it drops IPv6 itself). ICMP datagram sockets for every
    /// group replace the raw sockets ping needed (containers have no CAP_NET_RAW); ports below 1024
    /// are no privilege inside a container (as in Docker), so root of a user namespace can bind
    /// them; interfaces made from now on (eth0) get no IPv6, so nothing of a container speaks
    /// IPv6 on the bridge (lo keeps ::1).
    /// </summary>
    public static async Task ConfigureContainerSysctlsAsync(string name, CancellationToken ct)
    {
        var result = await NetworkProcess.RunAsync("ip",
            [
                "netns", "exec", name, NetworkProcess.Resolve("sysctl"), "-q", "-w",
                "net.ipv4.ping_group_range=0 2147483647",
                "net.ipv4.ip_unprivileged_port_start=0",
                "net.ipv6.conf.default.disable_ipv6=1",
            ],
            null, null, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException($"setting the sysctls of network namespace {name} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>Names the network namespace of process <paramref name="pid"/> (one the OCI runtime made), as <c>ip netns add</c> would a new one.</summary>
    public static async Task AttachAsync(string name, int pid, CancellationToken ct)
    {
        var result = await NetworkProcess.RunAsync("ip", ["netns", "attach", name, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, null, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException($"ip netns attach {name} {pid} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>Deleting the namespace also deletes the interfaces inside it (lo, eth0 and so its veth peer).</summary>
    public static async Task DeleteAsync(string name, CancellationToken ct)
    {
        if (!Exists(name))
        {
            return;
        }
        var result = await NetworkProcess.RunAsync("ip", ["netns", "delete", name], null, null, ct);
        if (result.ExitCode != 0 && Exists(name))
        {
            throw new ContainerNetworkException($"ip netns delete {name} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }
}
