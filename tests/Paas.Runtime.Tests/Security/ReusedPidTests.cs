using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Oci;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Pids are reused: by the next process once the old one is gone, and by anything after a reboot.
/// A container is taken for running only when its init and its conmon are the very processes that
/// were recorded (pid, start time and boot id), never because something answers to the pid.
/// Records are tampered with here to stand for a reuse: the processes behind the pids really run.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class ReusedPidTests(ContainerHost host)
{
    [Fact]
    public async Task TheRecord_NamesInitAndMonitor_ByPidStartTimeAndBoot()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var record = new ContainerDirectory(host.Paths, info.Id).ReadRecord();

        Assert.Equal(info.Pid, record.Init!.Pid);
        Assert.Equal(StartTimeOf(record.Init.Pid), record.Init.StartTime);
        Assert.Equal(StartTimeOf(record.Monitor!.Pid), record.Monitor.StartTime);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(), record.Init.BootId);
        Assert.Equal(ContainerStatus.Running, (await scope.Runtime.FindAsync(info.Id, default))!.Status);
    }

    [Theory]
    [InlineData("start time")]
    [InlineData("boot id")]
    public async Task AContainerWhosePidsNowNameOtherProcesses_IsNotRunning(string differs)
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        var dir = new ContainerDirectory(host.Paths, info.Id);
        var record = dir.ReadRecord();
        dir.WriteRecord(record with { Init = Other(record.Init!, differs), Monitor = Other(record.Monitor!, differs) });

        var found = await scope.Runtime.FindAsync(info.Id, default);
        var listed = Assert.Single(await scope.Runtime.ListAsync(default), c => c.Id == info.Id);
        var recovered = await host.Runtime().RecoverAsync(default);

        Assert.Equal(ContainerStatus.Stopped, found!.Status);
        Assert.Null(found.Pid);
        Assert.Equal(ContainerStatus.Stopped, listed.Status);
        Assert.DoesNotContain(recovered.Running, c => c.Id == info.Id);
    }

    [Fact]
    public async Task AnExit_IsRecordedOnce_WhenManyLookAtItAtOnce()
    {
        await using var scope = new ContainerScope(host.Runtime());
        // It outlives StartAsync: a command that has already exited when StartAsync looks is recorded by StartAsync
        // itself, and then no recovery has an exit left to record (the race a quiet CI machine hit).
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 1; exit 7"));
        var exitFile = new ContainerDirectory(host.Paths, info.Id).ExitFile;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(exitFile))
        {
            Assert.True(DateTime.UtcNow < deadline, "conmon wrote no exit file");
            await Task.Delay(10);
        }

        using var barrier = new Barrier(8);
        var reports = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var runtime = host.Runtime();
            barrier.SignalAndWait();
            return await runtime.RecoverAsync(default);
        })));

        var exits = reports.SelectMany(r => r.ExitedMeanwhile).Where(c => c.Id == info.Id).ToList();
        var exit = Assert.Single(exits);
        Assert.Equal(7, exit.ExitCode);
        Assert.Equal(exit.FinishedAt, (await scope.Runtime.FindAsync(info.Id, default))!.FinishedAt);
        Assert.Empty(Directory.GetFiles(new ContainerDirectory(host.Paths, info.Id).Dir, "*.tmp"));
    }

    private static ProcessIdentity Other(ProcessIdentity p, string differs) =>
        differs == "boot id" ? p with { BootId = Guid.NewGuid().ToString() } : p with { StartTime = p.StartTime + 1 };

    private static ulong StartTimeOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[22 - 3]);
    }
}
