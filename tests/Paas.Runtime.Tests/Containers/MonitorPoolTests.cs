using System.Diagnostics;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Runtime.Containers;
using Paas.Runtime.Logs;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>
/// The conmon paasd starts ahead of time for the next create: the container that gets it behaves
/// like any other (logs in its app's history, rotation, exit code), and nothing of it is left
/// when the runtime is disposed or when a crashed paasd left it behind.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class MonitorPoolTests(ContainerHost host)
{
    [Fact]
    public async Task ThePrelaunchedMonitor_RunsTheNextContainer_WithItsLogInTheAppsHistory()
    {
        var app = ContainerHost.NewAppId();
        using var runtime = host.Runtime(prelaunchMonitor: true);
        await using var scope = new ContainerScope(runtime);
        var waiting = await WaitForPrelaunchedAsync();

        Assert.Equal("19", NiceOf(ConmonPidOf(waiting)!.Value));

        var info = await scope.RunAsync(LogTests.Spec(app, "web", "echo first-line nice=$(cut -d' ' -f19 /proc/self/stat); sleep 300"));

        Assert.Equal(waiting, info.Id);
        // Back to normal priority before it forked runc: the container does not inherit nice 19.
        await LogWait.ForLineAsync(host, info.Id, "first-line nice=0", app);
        Assert.True(File.Exists(LogFiles.ActiveLog(host.Paths, LogFiles.AppKey(app), info.Id)));
        Assert.False(File.Exists(Path.Combine(host.Paths.Logs, ".pending", info.Id + ".log")), "the log stayed in the container dir");
        var stopped = await runtime.StopAsync(info.Id, TimeSpan.FromSeconds(5), default);
        Assert.Equal(143, stopped.ExitCode);
    }

    [Fact]
    public async Task ThePrelaunchedMonitor_ReopensTheAppsLog_WhenItIsRotated()
    {
        var app = ContainerHost.NewAppId();
        using var runtime = host.Runtime(prelaunchMonitor: true);
        await using var scope = new ContainerScope(runtime);
        var waiting = await WaitForPrelaunchedAsync();
        var info = await scope.RunAsync(LogTests.Spec(app, "web",
            "i=0; while true; do i=$((i+1)); echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; sleep 0.005; done"));
        Assert.Equal(waiting, info.Id);
        var rotator = new LogRotator(host.Paths, new LogRotationOptions(MaxFileBytes: 4 * 1024, MaxAppBytes: 1024 * 1024), TimeProvider.System);

        var rotations = 0;
        for (var round = 0; round < 20 && rotations < 2; round++)
        {
            await Task.Delay(150);
            rotations += await rotator.RotateAsync(default);
        }
        await Task.Delay(300);

        Assert.True(rotations >= 2, $"only {rotations} rotations");
        // conmon reopened through its link: the new active file is in the app's dir and growing.
        var active = LogFiles.ActiveLog(host.Paths, LogFiles.AppKey(app), info.Id);
        Assert.True(File.Exists(active) && new FileInfo(active).Length > 0, "no new active log after rotation");
        Assert.False(File.Exists(Path.Combine(host.Paths.Logs, ".pending", info.Id + ".log")));
        var numbers = (await new FileLogStore(host.Paths).TailAsync(app, 100_000, null, default))
            .Select(l => int.Parse(l.Text.Split('-')[1])).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public async Task AFailedCreate_LeavesNothingOfThePrelaunchedMonitorItTook()
    {
        var app = ContainerHost.NewAppId();
        var runtime = host.Runtime(prelaunchMonitor: true);
        var taken = await WaitForPrelaunchedAsync();

        var e = await Assert.ThrowsAsync<ImageNotFoundException>(() =>
            runtime.CreateAsync(LogTests.Spec(app, "web", "true") with { Image = "no-such-app:v1" }, default));
        runtime.Dispose();

        Assert.Contains("no-such-app:v1", e.Message);
        LeftoverAssert.NothingLeft(host, taken);
        Assert.False(File.Exists(LogFiles.ActiveLog(host.Paths, LogFiles.AppKey(app), taken)), "an empty log of a container that never ran");
        Assert.False(File.Exists(Path.Combine(host.Paths.Logs, ".pending", taken + ".log")));
        LeftoverAssert.NoContainers(host);
    }

    [Fact]
    public async Task Dispose_KillsThePrelaunchedMonitor_AndRemovesItsDirectory()
    {
        var runtime = host.Runtime(prelaunchMonitor: true);
        var waiting = await WaitForPrelaunchedAsync();
        var pid = ConmonPidOf(waiting);
        Assert.NotNull(pid);

        runtime.Dispose();

        Assert.False(Directory.Exists(Path.Combine(host.Paths.Containers, waiting)));
        Assert.False(Directory.Exists(Path.Combine(host.Paths.Writable, waiting)));
        Assert.False(File.Exists(Path.Combine(host.Paths.Logs, ".pending", waiting + ".log")));
        Assert.Null(ConmonPidOf(waiting));
    }

    [Fact]
    public async Task Recovery_RemovesAMonitorACrashedPaasdPrelaunched_ButKeepsItsOwn()
    {
        // The first runtime stands for a paasd that died: it is never disposed before the second recovers.
        var crashed = host.Runtime(prelaunchMonitor: true);
        var left = await WaitForPrelaunchedAsync();
        using var restarted = host.Runtime(prelaunchMonitor: true);
        var own = await WaitForPrelaunchedAsync(except: left);

        await restarted.RecoverAsync(default);

        Assert.False(Directory.Exists(Path.Combine(host.Paths.Containers, left)), "the dead paasd's prelaunched dir was kept");
        Assert.False(File.Exists(Path.Combine(host.Paths.Logs, ".pending", left + ".log")), "the dead paasd's pending log was kept");
        Assert.True(Directory.Exists(Path.Combine(host.Paths.Containers, own)), "recovery removed its own prelaunched monitor");
        Assert.True(File.Exists(Path.Combine(host.Paths.Logs, ".pending", own + ".log")), "recovery removed its own pending log");
        crashed.Dispose(); // here only to end the stand-in's conmon, which a real crash would have orphaned
        Assert.Null(ConmonPidOf(left));
    }

    /// <summary>The id of a prelaunched monitor's dir (no container.json, conmon's pending log in it).</summary>
    private async Task<string> WaitForPrelaunchedAsync(string? except = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ready = Directory.Exists(host.Paths.Containers)
                ? Directory.GetDirectories(host.Paths.Containers)
                    .Where(d => !File.Exists(Path.Combine(d, "container.json")) && File.Exists(Path.Combine(host.Paths.Logs, ".pending", Path.GetFileName(d) + ".log")))
                    .Select(Path.GetFileName).OfType<string>().Where(id => id != except).ToList()
                : [];
            if (ready.Count > 0 && ConmonPidOf(ready[0]) is not null) return ready[0];
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "no conmon was prelaunched within 10 s");
            await Task.Delay(20);
        }
    }

    private static string NiceOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16];
    }

    /// <summary>A live (not zombie) conmon whose command line names this container id.</summary>
    private static int? ConmonPidOf(string id)
    {
        foreach (var proc in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0');
                if (cmdline.Length == 0 || !cmdline[0].EndsWith("conmon") || !cmdline.Contains(id)) continue;
                var stat = File.ReadAllText(Path.Combine(proc, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) continue;
                return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }
}
