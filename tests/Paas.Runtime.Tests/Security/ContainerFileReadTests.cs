using System.Diagnostics;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Runtime.Tests.Images;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// paasd reads an image's /etc/passwd and /etc/group on the host, as root, to resolve the user
/// (issue 8, attack 4). Whatever the image puts there, a create fails fast and clearly and leaves
/// no mount or directory: a FIFO once hung it forever, a device could fill its memory.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class ContainerFileReadTests(ContainerHost host)
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(20);

    [Fact]
    public Task FifoAsEtcPasswd_FailsQuickly_AndLeavesNothing() =>
        AssertRefusedAsync("fifo", passwd => Tool.Run("mkfifo", passwd), "FIFO");

    [Fact]
    public Task CharacterDeviceAsEtcPasswd_FailsQuickly_AndLeavesNothing() =>
        AssertRefusedAsync("chardev", passwd => Tool.Run("mknod", passwd, "c", "1", "5"), "character device");

    [Fact]
    public Task SymlinkToDevZeroAsEtcPasswd_FailsQuickly_AndLeavesNothing() =>
        AssertRefusedAsync("devzero", passwd => File.CreateSymbolicLink(passwd, "/dev/zero"), "symlink");

    [Fact]
    public Task HugeEtcGroup_FailsQuickly_AndLeavesNothing() =>
        AssertRefusedAsync("hugegroup", passwd =>
        {
            using var group = File.Create(Path.Combine(Path.GetDirectoryName(passwd)!, "group"));
            group.SetLength(2L << 20);
        }, "more than the 1024 KiB");

    private async Task AssertRefusedAsync(string name, Action<string> plantAtEtcPasswd, string expected)
    {
        var reference = $"evil/{name}-{Guid.NewGuid():N}"[..24];
        var layer = Directory.CreateDirectory(Path.Combine(host.Paths.Root, "evil-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var etc = Directory.CreateDirectory(Path.Combine(layer, "etc")).FullName;
            plantAtEtcPasswd(Path.Combine(etc, "passwd"));
            await host.Images.CommitDirectoryAsync(reference, layer, ImageConfig.Empty, ContainerHost.HostStack, CancellationToken.None);

            var clock = Stopwatch.StartNew();
            var create = host.Runtime().CreateAsync(ContainerHost.Spec("true") with { Image = reference }, CancellationToken.None);
            var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() => create.WaitAsync(Quickly));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the create took {clock.Elapsed} to fail");
            Assert.Contains("/etc/", e.Message);
            Assert.Contains(expected, e.Message);
            LeftoverAssert.NoContainers(host);
        }
        finally
        {
            Directory.Delete(layer, recursive: true);
            if (await host.Images.FindAsync(reference, CancellationToken.None) is not null)
                await host.Images.DeleteAsync(reference, CancellationToken.None);
        }
    }
}
