using Paas.Core.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class IsolationTests(ContainerHost host)
{
    [Fact]
    public async Task Container_SeesOnlyItsOwnProcesses_WithInitAsPid1_AndItsOwnHostname()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        Assert.Equal(ContainerStatus.Running, info.Status);

        var pid1 = await scope.ExecAsync(info.Id, "cat", "/proc/1/cmdline");
        Assert.StartsWith("/dev/init", pid1.Replace('\0', ' '));

        var pids = (await scope.ExecAsync(info.Id, "ls", "/proc"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(p => p.All(char.IsDigit)).Select(int.Parse).ToList();
        // init, sleep and the ls itself: nothing from the host.
        Assert.True(pids.Count <= 4, $"container sees {pids.Count} processes: {string.Join(',', pids)}");
        Assert.Contains(1, pids);

        Assert.Equal("demo.web.1", (await scope.ExecAsync(info.Id, "hostname")).Trim());
        Assert.Equal("1000", (await scope.ExecAsync(info.Id, "id", "-u")).Trim());
    }
}
