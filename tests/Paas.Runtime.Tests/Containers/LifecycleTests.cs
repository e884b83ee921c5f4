using System.Diagnostics;
using Paas.Core.Containers;
using Paas.Runtime.Logs;
using Paas.Runtime.Tests.Network;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class LifecycleTests(ContainerHost host)
{
    [Fact]
    public async Task Stop_SendsSigtermThenSigkill_AfterGracePeriod()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "trap 'echo got-term' TERM; echo ready; while true; do sleep 0.1; done"));
        await LogWait.ForLineAsync(host, info.Id, "ready");

        var clock = Stopwatch.StartNew();
        var stopped = await scope.Runtime.StopAsync(info.Id, TimeSpan.FromSeconds(1.5), default);
        clock.Stop();

        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"stopped after {clock.Elapsed}, before the grace period");
        Assert.Equal(137, stopped.ExitCode); // 128 + SIGKILL
        await LogWait.ForLineAsync(host, info.Id, "got-term");
    }

    [Fact]
    public async Task Stop_ReturnsBeforeGracePeriod_WhenTheProcessExitsOnSigterm()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var clock = Stopwatch.StartNew();
        var stopped = await scope.Runtime.StopAsync(info.Id, TimeSpan.FromSeconds(10), default);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stop took {clock.Elapsed}");
        Assert.Equal(143, stopped.ExitCode); // 128 + SIGTERM, forwarded by tini
        Assert.False(stopped.OomKilled);
    }

    [Fact]
    public async Task ExitCodeAndTimes_AreRecorded()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 3"));
        var stopped = await scope.WaitStoppedAsync(info.Id, TimeSpan.FromSeconds(10));

        Assert.Equal(3, stopped.ExitCode);
        Assert.NotNull(stopped.StartedAt);
        Assert.True(stopped.FinishedAt >= stopped.StartedAt!.Value.AddSeconds(-1));
        Assert.True(stopped.StartedAt >= stopped.CreatedAt);
        // A new runtime object (paasd restarted) reads the same record.
        var again = await host.Runtime().FindAsync(info.Id, default);
        Assert.Equal(3, again!.ExitCode);
        Assert.Equal(stopped.FinishedAt, again.FinishedAt);
    }

    [Fact]
    public async Task WaitForExit_ReturnsTheExitAsSoonAsTheProcessEnds()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.5; exit 7"));

        var clock = Stopwatch.StartNew();
        var stopped = await scope.Runtime.WaitForExitAsync(info.Id, TimeSpan.FromSeconds(20), default);

        Assert.Equal(ContainerStatus.Stopped, stopped.Status);
        Assert.Equal(7, stopped.ExitCode);
        // Woken by the exit file, not by the timeout.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"wait took {clock.Elapsed}");
        // Waiting again on a stopped container answers at once with the same record.
        var again = await scope.Runtime.WaitForExitAsync(info.Id, TimeSpan.FromSeconds(20), default);
        Assert.Equal(stopped.FinishedAt, again.FinishedAt);
    }

    [Fact]
    public async Task WaitForExit_TimesOut_WithTheContainerStillRunning()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var clock = Stopwatch.StartNew();
        var running = await scope.Runtime.WaitForExitAsync(info.Id, TimeSpan.FromMilliseconds(400), default);

        Assert.Equal(ContainerStatus.Running, running.Status);
        Assert.Null(running.ExitCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"returned after {clock.Elapsed}, before the timeout");
    }

    [Fact]
    public async Task WaitForExit_OfAnUnknownContainer_Throws()
    {
        var runtime = host.Runtime();
        await Assert.ThrowsAsync<ContainerNotFoundException>(() =>
            runtime.WaitForExitAsync("no-such-container", TimeSpan.FromSeconds(1), default));
    }

    [Fact]
    public async Task Kill_DeliversTheSignal_AndListShowsTheContainer()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        Assert.Contains(await scope.Runtime.ListAsync(default), c => c.Id == info.Id && c.Status == ContainerStatus.Running);

        await scope.Runtime.KillAsync(info.Id, 9, default);
        var stopped = await scope.WaitStoppedAsync(info.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(137, stopped.ExitCode);
    }

    [Fact]
    public async Task Exec_RunsWithTheContainersUserAndExtraEnv()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { Env = new Dictionary<string, string> { ["GREETING"] = "hi" } });
        var result = await scope.Runtime.ExecAsync(info.Id, ["sh", "-c", "echo $GREETING $EXTRA $(id -u); exit 4"],
            new Dictionary<string, string> { ["EXTRA"] = "there" }, TimeSpan.FromSeconds(10), default);
        Assert.Equal(4, result.ExitCode);
        Assert.Equal("hi there 1000", result.Stdout.Trim());
    }

    [Fact]
    public async Task Delete_LeavesNoBundleUpperDirCgroupNetnsVethIpOrIptablesRule()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        string id;
        System.Net.IPAddress address;
        await using (var scope = new ContainerScope(host.Runtime(bed.Network())))
        {
            var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with
            {
                Network = NetworkMode.Bridge,
                Ports = [new Paas.Core.Networking.PortBinding("tcp", FreePort(), 5000)],
            });
            id = info.Id;
            Assert.NotNull(info.IpAddress);
            address = System.Net.IPAddress.Parse(info.IpAddress!);
            Assert.Contains(info.IpAddress!, await scope.ExecAsync(id, "cat", "/proc/net/fib_trie"));
            Assert.NotNull(await bed.Network().FindAsync(id, default));

            await scope.Runtime.DeleteAsync(id, default);
            Assert.Null(await scope.Runtime.FindAsync(id, default));
        }
        LeftoverAssert.NothingLeft(host, id);
        await NetworkAssert.NothingLeftAsync(bed, id, address);
        Assert.Null(await bed.Network().FindAsync(id, default));
        // Logs are per app and outlive the container.
        Assert.True(File.Exists(LogFiles.ActiveLog(host.Paths, LogFiles.AppKey(ContainerHost.DemoAppId), id)));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
