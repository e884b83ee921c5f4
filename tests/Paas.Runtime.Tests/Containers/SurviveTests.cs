using System.Diagnostics;
using System.Text.Json;
using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Logs;
using Paas.Runtime.Monitor;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class SurviveTests(ContainerHost host)
{
    [Fact]
    public async Task KillingTheManagingProcess_LeavesContainersRunning_LogsCaptured_AndExitsMeanwhileRecorded()
    {
        string[][] commands =
        [
            ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done"],
            ["sh", "-c", "sleep 1; echo bye; exit 7"],
        ];
        var ids = new List<string>();
        try
        {
            using (var standIn = StartStandIn(commands))
            {
                ids.AddRange(await ReadIdsAsync(standIn));
                foreach (var id in ids)
                {
                    // The monitor is not a child of the process that started it: it was re-parented.
                    var conmon = ConmonMonitor.ReadPid(Path.Combine(host.Paths.Containers, id, "conmon.pid"))!.Value;
                    Assert.NotEqual(standIn.Id, ParentOf(conmon));
                }
                standIn.Kill(); // SIGKILL: no cleanup runs in the stand-in.
                await standIn.WaitForExitAsync();
            }
            var killedAt = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(2)); // the short one exits meanwhile

            var runtime = host.Runtime(); // "paasd starts again"
            var report = await runtime.RecoverAsync(default);

            var ticker = Assert.Single(report.Running, c => c.Id == ids[0]);
            Assert.Equal(ContainerStatus.Running, ticker.Status);
            var exited = Assert.Single(report.ExitedMeanwhile, c => c.Id == ids[1]);
            Assert.Equal(7, exited.ExitCode);
            Assert.True(exited.FinishedAt > killedAt, $"finished {exited.FinishedAt:O}, stand-in killed {killedAt:O}");

            // Output written after the kill is still captured.
            var lines = await new FileLogStore(host.Paths).TailAsync(ContainerHost.DemoAppId, 10_000, "web", default);
            Assert.Contains(lines, l => l.ContainerId == ids[0] && l.Text.StartsWith("tick-") && l.Timestamp > killedAt.AddMilliseconds(500));
            Assert.Contains(lines, l => l.ContainerId == ids[1] && l.Text == "bye");

            // Recorded once: a second recovery does not report the same exit again.
            Assert.DoesNotContain((await runtime.RecoverAsync(default)).ExitedMeanwhile, c => c.Id == ids[1]);
        }
        finally
        {
            var runtime = host.Runtime();
            foreach (var id in ids)
            {
                try { await runtime.DeleteAsync(id, default); }
                catch (ContainerNotFoundException) { }
            }
        }
    }

    [Fact]
    public async Task Recover_RemovesWhatACrashMidCreateLeftBehind()
    {
        var orphan = new ContainerDirectory(host.Paths, "00000000deadbeef");
        Directory.CreateDirectory(Path.Combine(orphan.Upper, "etc"));
        Directory.CreateDirectory(orphan.Rootfs);

        var report = await host.Runtime().RecoverAsync(default);

        Assert.False(Directory.Exists(orphan.Dir));
        Assert.False(Directory.Exists(orphan.WritableDir));
        Assert.DoesNotContain(report.Running.Concat(report.Created).Concat(report.ExitedMeanwhile), c => c.Id == "00000000deadbeef");
    }

    [Fact]
    public async Task Recover_RemovesWritableLayersWhoseContainerIsGone_AsAfterAReboot()
    {
        // After a reboot the tmpfs with the containers' state is empty; their layers on disk remain.
        var gone = new ContainerDirectory(host.Paths, "00000000feedface");
        Directory.CreateDirectory(Path.Combine(gone.Upper, "tmp"));
        File.WriteAllText(Path.Combine(gone.Upper, "tmp", "written"), "data");
        Directory.CreateDirectory(gone.Work);

        await host.Runtime().RecoverAsync(default);

        Assert.False(Directory.Exists(gone.WritableDir));
    }

    [Fact]
    public async Task AnAttachedRunWhoseProcessDied_IsKilledAndDeletedByRecovery()
    {
        string? id = null;
        try
        {
            using (var standIn = StartStandIn([], attached: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done"]))
            {
                id = Assert.Single(await ReadIdsAsync(standIn));
                await WaitForLineAsync(standIn, "LINE tick-2");
                standIn.Kill(); // SIGKILL: the run's reader is gone, no cleanup runs
                await standIn.WaitForExitAsync();
            }
            var runtime = host.Runtime(); // "paasd starts again"
            Assert.NotNull(await runtime.FindAsync(id, default));

            var report = await runtime.RecoverAsync(default);

            Assert.DoesNotContain(report.Running.Concat(report.Created).Concat(report.ExitedMeanwhile), c => c.Id == id);
            Assert.Null(await runtime.FindAsync(id, default));
            LeftoverAssert.NothingLeft(host, id);
        }
        finally
        {
            if (id is not null)
            {
                try { await host.Runtime().DeleteAsync(id, default); }
                catch (ContainerNotFoundException) { }
            }
        }
    }

    [Fact]
    public async Task Recover_LeavesALiveAttachedRunAlone()
    {
        using var gate = new TestGateDir(host);
        var runtime = host.Runtime();
        var output = new RecordingOutput();
        var run = runtime.RunAttachedAsync(
            ContainerHost.Spec("sh", "-c", "echo waiting; while [ ! -e /gate/go ]; do sleep 0.05; done; echo done") with
            {
                Volumes = [new VolumeMount(gate.Path, "/gate", ReadOnly: true)],
            },
            output, TimeSpan.FromMinutes(1), CancellationToken.None);
        await output.SeenAsync(LogStream.Stdout, "waiting").WaitAsync(TimeSpan.FromSeconds(20));

        await host.Runtime().RecoverAsync(default);

        File.WriteAllText(Path.Combine(gate.Path, "go"), "");
        var info = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, info.ExitCode);
        Assert.Equal(["waiting", "done"], output.Of(LogStream.Stdout));
    }

    private static async Task WaitForLineAsync(Process standIn, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await standIn.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            if (line == expected) return;
        Assert.Fail($"stand-in exited before printing {expected}: {await standIn.StandardError.ReadToEndAsync()}");
    }

    private Process StartStandIn(string[][] commands, string[]? attached = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(typeof(StandInPaasd).Assembly.Location);
        psi.Environment[StandInPaasd.RootVariable] = host.Paths.Root;
        psi.Environment[StandInPaasd.CommandsVariable] = JsonSerializer.Serialize(commands);
        if (attached is not null) psi.Environment[StandInPaasd.AttachedVariable] = JsonSerializer.Serialize(attached);
        return Process.Start(psi)!;
    }

    private static async Task<List<string>> ReadIdsAsync(Process standIn)
    {
        var ids = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await standIn.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == StandInPaasd.Ready) return ids;
            Assert.False(line.StartsWith("FAILED"), line);
            ids.Add(line.Trim());
        }
        Assert.Fail($"stand-in exited early: {await standIn.StandardError.ReadToEndAsync()}");
        return ids;
    }

    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }
}
