using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;

namespace Paas.Runtime.Tests.Network;

public sealed class DetachTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Detach_RemovesVethNetnsAddressAndPortmapRules()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var hostPort = Probe.FreeHostPort();
        var attachment = await network.AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding("tcp", hostPort, 5000), new PortBinding("udp", hostPort, 5000)], Ct);
        Assert.Single(await NetworkAssert.BridgePortsAsync(bed));
        Assert.Contains(id, await HostTool.OutputOfAsync("iptables-save", "-t", "nat"));
        var nft = await HostTool.OutputOfAsync("nft", "list", "ruleset");
        Assert.Contains($"tcp dport {hostPort} counter packets 0 bytes 0 dnat to {attachment.Address}:5000", nft);
        Assert.Contains($"udp dport {hostPort} counter packets 0 bytes 0 dnat to {attachment.Address}:5000", nft);

        await network.DetachAsync(id, Ct);

        Assert.Empty(await NetworkAssert.BridgePortsAsync(bed));
        await NetworkAssert.NothingLeftAsync(bed, id, attachment.Address);
        Assert.Null(await network.FindAsync(id, Ct));
        await Assert.ThrowsAnyAsync<SocketException>(() => Probe.TcpLineAsync(bed.Gateway, hostPort));
        Assert.False(File.Exists(Path.Combine(bed.CniDirectory, "networks", bed.Settings.BridgeName, attachment.Address.ToString())));
    }

    [Fact]
    public async Task Detach_IsIdempotent_AndWorksFromANewInstanceAfterRestart()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        await bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], Ct);

        // A new instance stands for paasd after a restart: only the files under the root remain.
        var afterRestart = bed.Network();
        await afterRestart.DetachAsync(id, Ct);
        await afterRestart.DetachAsync(id, Ct);
        await afterRestart.DetachAsync(bed.NewContainerId(), Ct);

        await NetworkAssert.NothingLeftAsync(bed, id);
    }

    [Fact]
    public async Task Detach_SucceedsWhenTheNetnsIsAlreadyGone()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        await network.AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], Ct);
        await HostTool.OutputOfAsync("ip", "netns", "delete", NetworkTestBed.NetnsName(id));

        await network.DetachAsync(id, Ct);

        await NetworkAssert.NothingLeftAsync(bed, id);
        Assert.Empty(await NetworkAssert.BridgePortsAsync(bed));
    }

    [Fact]
    public async Task RemoveStale_DetachesOnlyContainersThatAreGone()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var (live, gone1, gone2) = (bed.NewContainerId(), bed.NewContainerId(), bed.NewContainerId());
        var kept = await network.AttachAsync(live, "live", NetworkTestBed.App, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], Ct);
        await network.AttachAsync(gone1, "gone1", NetworkTestBed.App, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], Ct);
        await network.AttachAsync(gone2, "gone2", NetworkTestBed.App, [], Ct);

        var removed = await bed.Network().RemoveStaleAsync(new HashSet<string> { live }, Ct);

        Assert.Equal(2, removed);
        await NetworkAssert.NothingLeftAsync(bed, gone1);
        await NetworkAssert.NothingLeftAsync(bed, gone2);
        Assert.Equal(kept.Address, (await network.FindAsync(live, Ct))?.Address);
        Assert.Single(await NetworkAssert.BridgePortsAsync(bed));
        Assert.Equal(0, await network.RemoveStaleAsync(new HashSet<string> { live }, Ct));
    }

    [Fact]
    public async Task RemoveStale_ReleasesAnAddressWhoseRecordWasLost()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        await network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct);
        foreach (var file in NetworkAssert.CacheFilesOf(bed, id))
        {
            File.Delete(file);
        }

        var removed = await network.RemoveStaleAsync(new HashSet<string>(), Ct);

        Assert.Equal(1, removed);
        await NetworkAssert.NothingLeftAsync(bed, id);
        Assert.Empty(await NetworkAssert.BridgePortsAsync(bed));
    }

    [Fact]
    public async Task Attach_RefusesALeftoverNetns_AndDetachRemovesIt()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        await HostTool.OutputOfAsync("ip", "netns", "add", NetworkTestBed.NetnsName(id));

        var error = await Assert.ThrowsAsync<ContainerNetworkException>(() => network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct));
        Assert.Contains("already exists", error.Message);
        Assert.True(File.Exists($"/run/netns/{NetworkTestBed.NetnsName(id)}"));

        await network.DetachAsync(id, Ct);
        await NetworkAssert.NothingLeftAsync(bed, id);
        Assert.NotNull(await network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct));
    }
}
