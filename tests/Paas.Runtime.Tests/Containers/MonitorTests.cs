using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>How the runtime launches conmon: fd passing, reaping, and failures of the launch itself.</summary>
[Collection(ContainerCollection.Name)]
public sealed class MonitorTests(ContainerHost host)
{
    [Fact]
    public async Task MissingConmon_FailsClearly_AndLeavesNothing()
    {
        var runtime = new ContainerRuntime(host.Paths, host.Images,
            new ContainerRuntimeOptions { ConmonPath = "/nonexistent/conmon", UserNamespace = host.UserNamespace }, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.CreateAsync(ContainerHost.Spec("true"), default));

        Assert.Equal("create", e.Operation);
        Assert.Contains("/nonexistent/conmon", e.Detail);
        Assert.Contains("No such file", e.Detail);
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task Create_ReturnsTheInitPid_AndReapsTheConmonLauncher()
    {
        await using var scope = new ContainerScope(host.Runtime());

        var info = await scope.CreateAsync(ContainerHost.Spec("true"));

        Assert.Equal(ContainerStatus.Created, info.Status);
        Assert.NotNull(info.Pid);
        // `runc init`, waiting for start (conmon names runc by our descriptor of it: /proc/<paasd>/fd/<n>).
        Assert.Equal(["init"], File.ReadAllText($"/proc/{info.Pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        // The first conmon process exits at once after forking the monitor: we must have reaped it.
        Assert.DoesNotContain(OurChildren(), c => c.Comm == "conmon" && c.State == 'Z');

        var monitorPid = int.Parse(File.ReadAllText(Path.Combine(host.Paths.Containers, info.Id, "conmon.pid")));
        // Its stdio went to /dev/null when it daemonized: nothing ties it to paasd.
        Assert.DoesNotContain(SocketsOf(monitorPid), fd => fd is 0 or 1 or 2);
    }

    [Fact]
    public async Task CreateFailingWhileConmonWaitsToStart_KillsAndReapsIt()
    {
        // conmon is launched before the bundle is checked; a missing command fails after that.
        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(
            () => host.Runtime().CreateAsync(ContainerHost.Spec("no-such-command-here"), default));

        Assert.Contains("no-such-command-here", e.Message);
        Assert.DoesNotContain(OurChildren(), c => c.Comm == "conmon");
        LeftoverAssert.NoContainers(host);
    }

    private static List<(string Comm, char State)> OurChildren()
    {
        var children = new List<(string, char)>();
        // Threads (and children) come and go while we look: a vanished one is simply skipped.
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var pid in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var open = stat.IndexOf('(');
                    var close = stat.LastIndexOf(')');
                    children.Add((stat[(open + 1)..close], stat[close + 2]));
                }
            }
            catch (IOException) { }
        }
        return children;
    }

    private static List<int> SocketsOf(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fd")
            .Where(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
            .Select(fd => int.Parse(Path.GetFileName(fd)))
            .ToList();
}
