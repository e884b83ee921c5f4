using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paas.Core.Containers;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>
/// <see cref="IContainerNetwork"/> on the CNI plugins (Debian containernetworking-plugins):
/// a named netns per container (<c>/run/netns/paas-ID</c>), the loopback plugin for lo, then the
/// conflist written to <c>$ROOT/cni/BRIDGE.conflist</c> (bridge + host-local, portmap) chained
/// per CNI 1.0. Each attachment is recorded in <c>$ROOT/cni/results</c> before the host is
/// touched, so a later process can always tear it down. The bridge's nftables table
/// (<see cref="BridgeFirewallRules"/>) is rebuilt from those records, with each container's
/// isolation group, whenever one is added or removed and at paasd start.
/// </summary>
public sealed class CniContainerNetwork : IContainerNetwork
{
    public const string IfName = "eth0";
    public const string NetnsPrefix = "paas-";
    public const string DefaultPluginDirectory = "/usr/lib/cni";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly NetworkSettings settings;
    private readonly CniPluginInvoker plugins;
    private readonly CniCache cache;

    public CniContainerNetwork(NetworkSettings settings, RuntimePaths paths, string pluginDirectory = DefaultPluginDirectory)
        : this(settings, paths.Cni, pluginDirectory)
    {
    }

    /// <param name="cniDirectory"><c>$ROOT/cni</c>: the conflist, the attachment records and host-local's allocations live here.</param>
    public CniContainerNetwork(NetworkSettings settings, string cniDirectory, string pluginDirectory = DefaultPluginDirectory)
    {
        NetworkSettingsValidator.EnsureValid(settings);
        this.settings = settings;
        CniDirectory = Path.GetFullPath(cniDirectory);
        plugins = new CniPluginInvoker(pluginDirectory);
        cache = new CniCache(Path.Combine(CniDirectory, "results"));
    }

    public string CniDirectory { get; }

    public string ConfigListPath => Path.Combine(CniDirectory, settings.BridgeName + ".conflist");

    /// <summary>host-local keeps one file per allocated address in <c>IpamDataDirectory/NETWORK/</c>.</summary>
    public string IpamDataDirectory => Path.Combine(CniDirectory, "networks");

    public static string NetnsNameOf(string containerId) => NetnsPrefix + containerId;

    /// <param name="hostname">Unused here: the OCI runtime sets the UTS name; CNI plugins take no hostname.</param>
    public Task<NetworkAttachment> AttachAsync(
        string containerId, string hostname, string isolationGroup, IReadOnlyList<PortBinding> ports, CancellationToken ct) =>
        AttachAsync(containerId, isolationGroup, ports, NetworkNamespaces.CreateAsync, ct);

    public Task<NetworkAttachment> AttachToProcessAsync(
        string containerId, int pid, string isolationGroup, IReadOnlyList<PortBinding> ports, CancellationToken ct) =>
        AttachAsync(containerId, isolationGroup, ports, (netns, c) => NetworkNamespaces.AttachAsync(netns, pid, c), ct);

    private async Task<NetworkAttachment> AttachAsync(
        string containerId, string isolationGroup, IReadOnlyList<PortBinding> ports,
        Func<string, CancellationToken, Task> makeNetns, CancellationToken ct)
    {
        CniContainerId.EnsureValid(containerId);
        if (string.IsNullOrEmpty(isolationGroup))
        {
            throw new ArgumentException("a container needs an isolation group (its app) to be attached", nameof(isolationGroup));
        }
        var bindings = PortBindingValidator.Normalize(ports);

        await using var hostLock = await CniHostLock.AcquireAsync(ct);
        if (await cache.FindAsync(containerId, ct) is not null)
        {
            throw new ContainerNetworkException($"container {containerId} is already attached; detach it first");
        }
        await EnsurePortsFreeAsync(bindings, ct);
        var netns = NetnsNameOf(containerId);
        if (NetworkNamespaces.Exists(netns))
        {
            // Not ours to reuse or delete here: DetachAsync removes a leftover of a crashed attach.
            throw new ContainerNetworkException($"network namespace {netns} already exists without an attachment record; detach container {containerId} first");
        }

        var list = CniConfigList.Build(settings, IpamDataDirectory);
        var listBytes = Encoding.UTF8.GetBytes(list.ToJsonString(Indented));
        await WriteConfigListAsync(listBytes, ct);

        var entry = new CniCacheEntry(containerId, settings.BridgeName, IfName, listBytes, CniConfigList.CapabilityArgs(bindings), null, isolationGroup);
        await cache.WriteAsync(entry, ct);

        JsonObject? result = null;
        var started = 0;
        try
        {
            await makeNetns(netns, ct);
            await NetworkNamespaces.ConfigureContainerSysctlsAsync(netns, ct);
            var netnsPath = NetworkNamespaces.PathOf(netns);
            await plugins.InvokeAsync("ADD", containerId, netnsPath, "lo", CniConfigList.Loopback(), ct);
            foreach (var plugin in CniConfigList.Plugins(list))
            {
                var config = CniConfigList.ForPlugin(list, plugin, entry.CapabilityArgs, result);
                started++;
                result = await plugins.InvokeAsync("ADD", containerId, netnsPath, IfName, config, ct) ?? result;
            }
            var attachment = CniResultReader.ToAttachment(containerId, netnsPath, result, bindings);
            await cache.WriteAsync(entry with { Result = result }, ct);
            // Last step, so a failure before it leaves the table as it was (without this address);
            // the container starts only after this returns.
            await SyncFirewallAsync(ct);
            return attachment;
        }
        catch (Exception failure)
        {
            // The spec wants a DEL after every ADD, failed or not (it frees the address); plugins
            // whose ADD never ran have nothing to undo, and may be the very binaries that are missing.
            try
            {
                await TearDownAsync(entry with { Result = result }, started, syncFirewall: false, CancellationToken.None);
            }
            catch (Exception cleanup)
            {
                throw new ContainerNetworkException(
                    $"attaching container {containerId} failed and so did the cleanup (its record stays for RemoveStaleAsync): {cleanup.Message}",
                    failure);
            }
            throw;
        }
    }

    public async Task DetachAsync(string containerId, CancellationToken ct)
    {
        CniContainerId.EnsureValid(containerId);
        await using var hostLock = await CniHostLock.AcquireAsync(ct);
        if (await cache.FindAsync(containerId, ct) is { } entry)
        {
            await TearDownAsync(entry, int.MaxValue, syncFirewall: true, ct);
        }
        else
        {
            await NetworkNamespaces.DeleteAsync(NetnsNameOf(containerId), ct);
        }
    }

    public async Task<NetworkAttachment?> FindAsync(string containerId, CancellationToken ct)
    {
        CniContainerId.EnsureValid(containerId);
        var entry = await cache.FindAsync(containerId, ct);
        if (entry?.Result is null)
        {
            return null;
        }
        var netnsPath = NetworkNamespaces.PathOf(NetnsNameOf(containerId));
        return CniResultReader.ToAttachment(containerId, netnsPath, entry.Result, CniConfigList.PortsFrom(entry.CapabilityArgs));
    }

    public async Task<int> RemoveStaleAsync(IReadOnlySet<string> liveContainerIds, CancellationToken ct)
    {
        var removed = 0;
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await cache.ListAsync(ct))
        {
            recorded.Add(entry.ContainerId);
            if (!liveContainerIds.Contains(entry.ContainerId))
            {
                await DetachAsync(entry.ContainerId, ct);
                removed++;
            }
        }

        // Addresses without a record (its file lost or never written): a DEL with today's
        // config releases them and removes the veth and netns if they are still there.
        var owners = HostLocalAllocations.Owners(IpamDataDirectory, settings.BridgeName);
        foreach (var owner in owners.Where(id => !recorded.Contains(id) && !liveContainerIds.Contains(id)))
        {
            await using var hostLock = await CniHostLock.AcquireAsync(ct);
            if (await cache.FindAsync(owner, ct) is not null)
            {
                continue; // Attached meanwhile: a record exists now.
            }
            var list = CniConfigList.Build(settings, IpamDataDirectory);
            var orphan = new CniCacheEntry(owner, settings.BridgeName, IfName, Encoding.UTF8.GetBytes(list.ToJsonString()),
                CniConfigList.CapabilityArgs([]), null);
            await TearDownAsync(orphan, int.MaxValue, syncFirewall: false, ct);
            removed++;
        }

        // At paasd start this (re)creates the bridge's table and its sets from the records.
        await using (await CniHostLock.AcquireAsync(ct))
        {
            await SyncFirewallAsync(ct);
        }
        return removed;
    }

    /// <summary>
    /// DEL of the first <paramref name="pluginCount"/> plugins in reverse order with the final ADD
    /// result and the same capability args, then the netns and the record; then, with
    /// <paramref name="syncFirewall"/>, the address leaves its group's set.
    /// </summary>
    private async Task TearDownAsync(CniCacheEntry entry, int pluginCount, bool syncFirewall, CancellationToken ct)
    {
        var list = JsonNode.Parse(entry.ConfigList)!.AsObject();
        var netns = NetnsNameOf(entry.ContainerId);
        var netnsPath = NetworkNamespaces.Exists(netns) ? NetworkNamespaces.PathOf(netns) : null;
        foreach (var plugin in CniConfigList.Plugins(list).Take(pluginCount).Reverse())
        {
            var config = CniConfigList.ForPlugin(list, plugin, entry.CapabilityArgs, entry.Result);
            await plugins.InvokeAsync("DEL", entry.ContainerId, netnsPath, entry.IfName, config, ct);
        }
        // lo needs no DEL: it disappears with the namespace.
        await NetworkNamespaces.DeleteAsync(netns, ct);
        cache.Delete(entry);
        if (syncFirewall)
        {
            await SyncFirewallAsync(ct);
        }
    }

    /// <summary>
    /// Rebuilds the bridge's nftables table from the attachment records (caller holds the host
    /// lock). The table lives as long as the bridge: with no bridge and no attachment it goes.
    /// </summary>
    private async Task SyncFirewallAsync(CancellationToken ct)
    {
        var members = new List<FirewallMember>();
        foreach (var entry in await cache.ListAsync(ct))
        {
            if (entry.NetworkName == settings.BridgeName && CniResultReader.AddressOf(entry.Result) is { } address)
            {
                members.Add(new FirewallMember(entry.EffectiveGroup, address));
            }
        }
        if (BridgeFirewall.BridgeExists(settings.BridgeName))
        {
            await BridgeFirewall.PrepareBridgeAsync(settings.BridgeName, ct);
        }
        else if (members.Count == 0)
        {
            await BridgeFirewall.RemoveAsync(settings.BridgeName, ct);
            return;
        }
        await BridgeFirewall.ApplyAsync(settings, members, ct);
    }

    private async Task EnsurePortsFreeAsync(IReadOnlyList<PortBinding> bindings, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var other in await cache.ListAsync(ct))
        {
            foreach (var taken in CniConfigList.PortsFrom(other.CapabilityArgs))
            {
                foreach (var wanted in bindings.Where(b => PortBindingValidator.Overlaps(b, taken)))
                {
                    problems.Add($"host port {wanted.Protocol}/{wanted.HostPort} is already published by container {other.ContainerId}");
                }
            }
        }
        foreach (var wanted in bindings.Where(HostPortProbe.IsInUse))
        {
            problems.Add($"host port {wanted.Protocol}/{wanted.HostPort} is in use by a process on this host");
        }
        if (problems.Count > 0)
        {
            throw new InvalidPortBindingException(problems);
        }
    }

    private async Task WriteConfigListAsync(byte[] listBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(CniDirectory);
        if (File.Exists(ConfigListPath) && (await File.ReadAllBytesAsync(ConfigListPath, ct)).AsSpan().SequenceEqual(listBytes))
        {
            return;
        }
        var temp = ConfigListPath + ".tmp";
        await File.WriteAllBytesAsync(temp, listBytes, ct);
        File.Move(temp, ConfigListPath, overwrite: true);
    }
}
