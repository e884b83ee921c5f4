using System.Net;
using Paas.Runtime.Network;

namespace Paas.Runtime.Tests.Network;

/// <summary>Looks at the host (ip, iptables-save, nft, the test root) to prove what an attachment made or left.</summary>
internal static class NetworkAssert
{
    /// <param name="address">When known, also proves no nft rule still DNATs to it (nft shows no iptables comments).</param>
    public static async Task NothingLeftAsync(NetworkTestBed bed, string containerId, IPAddress? address = null)
    {
        var netns = NetworkTestBed.NetnsName(containerId);
        Assert.DoesNotContain(netns, await NetnsListAsync());
        Assert.False(File.Exists(Path.Combine("/run/netns", netns)), $"{netns} still exists");
        Assert.Empty(await AllocationsOfAsync(bed, containerId));
        Assert.Empty(CacheFilesOf(bed, containerId));
        Assert.DoesNotContain(containerId, await HostTool.OutputOfAsync("iptables-save", "-t", "nat"));
        var nft = await HostTool.OutputOfAsync("nft", "list", "ruleset");
        Assert.DoesNotContain(containerId, nft);
        if (address is not null)
        {
            Assert.DoesNotContain($"dnat to {address}:", nft);
            Assert.DoesNotContain($"{address}/32", nft);
        }
    }

    public static async Task<string> NetnsListAsync() => await HostTool.OutputOfAsync("ip", "netns", "list");

    /// <summary>host-local's files under $ROOT/cni/networks/BRIDGE naming this container.</summary>
    public static async Task<IReadOnlyList<IPAddress>> AllocationsOfAsync(NetworkTestBed bed, string containerId)
    {
        var dir = Path.Combine(bed.CniDirectory, "networks", bed.Settings.BridgeName);
        if (!Directory.Exists(dir))
        {
            return [];
        }
        var owned = new List<IPAddress>();
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            if (IPAddress.TryParse(Path.GetFileName(file), out var address)
                && (await File.ReadAllTextAsync(file)).Split('\n')[0].Trim() == containerId)
            {
                owned.Add(address);
            }
        }
        return owned;
    }

    public static IReadOnlyList<string> CacheFilesOf(NetworkTestBed bed, string containerId)
    {
        var dir = Path.Combine(bed.CniDirectory, "results");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, $"*-{containerId}-{CniContainerNetwork.IfName}").ToList()
            : [];
    }

    /// <summary>Names of the host-side veth interfaces enslaved to the test's bridge.</summary>
    public static async Task<IReadOnlyList<string>> BridgePortsAsync(NetworkTestBed bed)
    {
        var output = await HostTool.RunAsync("ip", "-o", "link", "show", "master", bed.Settings.BridgeName);
        return output.ExitCode != 0
            ? []
            : output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(':')[1].Trim().Split('@')[0])
                .ToList();
    }
}
