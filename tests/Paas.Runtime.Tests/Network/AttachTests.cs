using System.Net;
using Paas.Core.Networking;

namespace Paas.Runtime.Tests.Network;

public sealed class AttachTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Attach_GivesAddressInSubnet_AndNetnsWithLoUpAndEth0()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();

        var attachment = await network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct);

        Assert.Equal(id, attachment.ContainerId);
        Assert.Equal($"/run/netns/{NetworkTestBed.NetnsName(id)}", attachment.NetnsPath);
        Assert.True(File.Exists(attachment.NetnsPath));
        Assert.True(bed.Subnet.Contains(attachment.Address), $"{attachment.Address} not in {bed.Subnet}");
        Assert.True(bed.Subnet.Contains(attachment.Gateway));
        Assert.NotEqual(attachment.Gateway, attachment.Address);

        var links = await HostTool.OutputOfAsync("ip", "-n", NetworkTestBed.NetnsName(id), "-o", "addr", "show");
        Assert.Matches(@"\blo\s+inet 127\.0\.0\.1/8", links);
        Assert.Contains($"eth0    inet {attachment.Address}/24", links);
        var lo = await HostTool.OutputOfAsync("ip", "-n", NetworkTestBed.NetnsName(id), "-o", "link", "show", "lo");
        Assert.Contains(",UP", lo);
        Assert.Single(await NetworkAssert.BridgePortsAsync(bed));
        Assert.Equal([attachment.Address], await NetworkAssert.AllocationsOfAsync(bed, id));
    }

    [Fact]
    public async Task TwoAttachments_GetDifferentAddresses_AndReachEachOther()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var first = await network.AttachAsync(bed.NewContainerId(), "a", NetworkTestBed.App, [], Ct);
        var second = await network.AttachAsync(bed.NewContainerId(), "b", NetworkTestBed.App, [], Ct);

        Assert.NotEqual(first.Address, second.Address);
        var there = await Probe.PingFromAsync(NetworkTestBed.NetnsName(first.ContainerId), second.Address);
        Assert.True(there.ExitCode == 0, $"ping {second.Address} from {first.ContainerId}: {there.Stdout}{there.Stderr}");
        var back = await Probe.PingFromAsync(NetworkTestBed.NetnsName(second.ContainerId), first.Address);
        Assert.True(back.ExitCode == 0, $"ping {first.Address} from {second.ContainerId}: {back.Stdout}{back.Stderr}");
    }

    [Fact]
    public async Task ConcurrentAttaches_AllSucceed_WithDistinctAddresses()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var ids = Enumerable.Range(0, 6).Select(_ => bed.NewContainerId()).ToList();

        var attachments = await Task.WhenAll(ids.Select(id => Task.Run(() => network.AttachAsync(id, id, NetworkTestBed.App, [], Ct))));

        Assert.Equal(ids.Count, attachments.Select(a => a.Address).Distinct().Count());
        Assert.Equal(ids.Count, (await NetworkAssert.BridgePortsAsync(bed)).Count);
        await Task.WhenAll(ids.Select(id => Task.Run(() => network.DetachAsync(id, Ct))));
        foreach (var id in ids)
        {
            await NetworkAssert.NothingLeftAsync(bed, id);
        }
    }

    [Fact]
    public async Task Find_ReturnsAttachment_FromAnotherInstanceOnTheSameRoot()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var id = bed.NewContainerId();
        var ports = new[] { new PortBinding("tcp", Probe.FreeHostPort(), 5000) };
        var attached = await bed.Network().AttachAsync(id, "web-1", NetworkTestBed.App, ports, Ct);

        var found = await bed.Network().FindAsync(id, Ct);

        Assert.NotNull(found);
        Assert.Equal(attached.Address, found.Address);
        Assert.Equal(attached.Gateway, found.Gateway);
        Assert.Equal(attached.NetnsPath, found.NetnsPath);
        Assert.Equal(ports, found.Ports);
        Assert.Null(await bed.Network().FindAsync(bed.NewContainerId(), Ct));
    }

    [Fact]
    public async Task Attach_Twice_IsRefused_AndKeepsTheFirstAttachment()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        var first = await network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct);

        var error = await Assert.ThrowsAsync<ContainerNetworkException>(() => network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct));

        Assert.Contains("already attached", error.Message);
        Assert.Equal(first.Address, (await network.FindAsync(id, Ct))?.Address);
        Assert.Equal([first.Address], await NetworkAssert.AllocationsOfAsync(bed, id));
    }

    [Fact]
    public async Task OutboundNat_AddsMasqueradeForTheContainer_AndDetachRemovesIt()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network(bed.Settings with { OutboundNat = true });
        var id = bed.NewContainerId();

        var attachment = await network.AttachAsync(id, "web-1", NetworkTestBed.App, [], Ct);

        var nat = await HostTool.OutputOfAsync("iptables-save", "-t", "nat");
        Assert.Contains($"-A POSTROUTING -s {attachment.Address}/32", nat);
        Assert.Contains($"id: \\\"{id}\\\"", nat);
        await network.DetachAsync(id, Ct);
        Assert.DoesNotContain(attachment.Address + "/32", await HostTool.OutputOfAsync("iptables-save", "-t", "nat"));
        await NetworkAssert.NothingLeftAsync(bed, id, attachment.Address);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(40)]
    [InlineData(80)]
    public async Task Attach_CancelledPartWay_LeavesNothing_OrACompleteAttachment(int cancelAfterMs)
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        var network = bed.Network();
        var id = bed.NewContainerId();
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(cancelAfterMs);

        try
        {
            var attachment = await network.AttachAsync(id, "web-1", NetworkTestBed.App, [new PortBinding("tcp", Probe.FreeHostPort(), 5000)], cancel.Token);
            Assert.Equal(attachment.Address, (await network.FindAsync(id, Ct))?.Address);
        }
        catch (OperationCanceledException)
        {
            await NetworkAssert.NothingLeftAsync(bed, id);
            Assert.Empty(await NetworkAssert.BridgePortsAsync(bed));
            Assert.Empty(Directory.Exists(Path.Combine(bed.CniDirectory, "results"))
                ? Directory.GetFiles(Path.Combine(bed.CniDirectory, "results")) : []);
        }
    }
}
