using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class BadInputTests(ContainerHost host)
{
    [Fact]
    public async Task UnknownImage_FailsClearly_AndLeavesNothing()
    {
        var e = await Assert.ThrowsAsync<ImageNotFoundException>(() =>
            host.Runtime().CreateAsync(ContainerHost.Spec("true") with { Image = "no-such-app:v1" }, default));
        Assert.Contains("no-such-app:v1", e.Message);
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task CommandMissingFromImage_FailsClearly_AndLeavesNothing()
    {
        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
            host.Runtime().CreateAsync(ContainerHost.Spec("no-such-binary", "--flag"), default));
        Assert.Contains("command 'no-such-binary' is not in image 'stack/host'", e.Message);
        LeftoverAssert.NoContainers(host);
    }

    [Theory]
    [InlineData(1024L, "below the minimum of 6 MiB")]
    [InlineData(-5L, "must be positive")]
    public async Task MemoryLimitTooSmallOrNegative_FailsClearly_AndLeavesNothing(long memory, string expected)
    {
        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
            host.Runtime().CreateAsync(ContainerHost.Spec("true") with { Limits = new ResourceLimits(memory, 1m, 64) }, default));
        Assert.Contains(expected, e.Message);
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task SeveralProblems_AreReportedTogether()
    {
        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
            host.Runtime().CreateAsync(ContainerHost.Spec("true") with
            {
                Hostname = "bad host!",
                Limits = new ResourceLimits(-5, 0m, 0),
                Env = new Dictionary<string, string> { ["1BAD"] = "x" },
            }, default));
        Assert.Equal(5, e.Problems.Count);
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task VolumeOutsideAllowedRoots_IsRejected_AndLeavesNothing()
    {
        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
            host.Runtime().CreateAsync(ContainerHost.Spec("true") with { Volumes = [new VolumeMount("/etc", "/data", false)] }, default));
        Assert.Contains("volume source '/etc' is outside the allowed roots", e.Message);
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task VolumeSymlinkedOutOfAnAllowedRoot_IsRejected()
    {
        var link = Path.Combine(host.Paths.Volumes, "sneaky");
        Directory.CreateDirectory(host.Paths.Volumes);
        File.CreateSymbolicLink(link, "/etc");
        try
        {
            var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
                host.Runtime().CreateAsync(ContainerHost.Spec("true") with { Volumes = [new VolumeMount(link + "/", "/data", false)] }, default));
            Assert.Contains("outside the allowed roots", e.Message);
            LeftoverAssert.NoContainers(host);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public async Task VolumeUnderAnAllowedRoot_IsMounted_ReadOnlyWhenAsked()
    {
        var data = Directory.CreateDirectory(Path.Combine(host.Paths.Volumes, "data-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "hello.txt"), "from the host");
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { User = "root", Volumes = [new VolumeMount(data, "/data", ReadOnly: true)] });

        Assert.Equal("from the host", await scope.ExecAsync(info.Id, "cat", "/data/hello.txt"));
        var write = await scope.Runtime.ExecAsync(info.Id, ["touch", "/data/new"], null, TimeSpan.FromSeconds(10), default);
        Assert.NotEqual(0, write.ExitCode);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task RuntimeRefusingTheBundle_FailsWithItsMessage_AndLeavesNothing()
    {
        var appId = ContainerHost.NewAppId();
        var spec = ContainerHost.Spec("true") with
        {
            WorkingDir = "/etc/passwd", // a file: runc create cannot chdir there
            Labels = new Dictionary<string, string> { [ContainerLabels.App] = "refused", [ContainerLabels.AppId] = appId.ToString() },
        };
        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => host.Runtime().CreateAsync(spec, default));

        Assert.Equal("create", e.Operation);
        Assert.Contains("not a directory", e.Detail);
        LeftoverAssert.NoContainers(host);
        Assert.False(CgroupsUnderPaasMention(e.Id), $"cgroup of {e.Id} remains");
        var appLogs = Paas.Runtime.Logs.LogFiles.AppDir(host.Paths, Paas.Runtime.Logs.LogFiles.AppKey(appId));
        Assert.True(!Directory.Exists(appLogs) || Directory.GetFiles(appLogs).Length == 0, "log files of a container that never ran remain");
    }

    private static bool CgroupsUnderPaasMention(string id) =>
        Directory.GetDirectories("/sys/fs/cgroup").Any(c => Directory.Exists(Path.Combine(c, "paas", id)));

    [Fact]
    public async Task UnknownContainer_IsNotFound()
    {
        var runtime = host.Runtime();
        Assert.Null(await runtime.FindAsync("0123456789abcdef", default));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => runtime.StartAsync("0123456789abcdef", default));
        await Assert.ThrowsAsync<ContainerNotFoundException>(() => runtime.DeleteAsync("../../etc", default));
    }
}
