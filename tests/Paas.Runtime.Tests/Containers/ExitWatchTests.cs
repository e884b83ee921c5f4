using System.Globalization;
using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Runtime.Containers;
using Paas.Runtime.Images.Native;
using Paas.Runtime.Monitor;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>IContainerRuntime.WatchExitsAsync: exits reported from one watch on the shared exit dir, and the exit files' lifetime.</summary>
[Collection(ContainerCollection.Name)]
public sealed class ExitWatchTests(ContainerHost host)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AnExit_IsReportedWithItsCode_WithinASecondOfIt_AndRecordedFirst()
    {
        await using var scope = new ContainerScope(host.Runtime());
        await using var exits = new WatchedExits(scope.Runtime);

        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.3; exit 3"));
        var exit = await exits.ExitOfAsync(info.Id, Within);
        var reportedAt = DateTimeOffset.UtcNow;

        Assert.Equal(ContainerStatus.Stopped, exit.Status);
        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.OomKilled);
        Assert.NotNull(exit.FinishedAt);
        Assert.True(reportedAt - exit.FinishedAt < TimeSpan.FromSeconds(1), $"exited {exit.FinishedAt:O}, reported {reportedAt:O}");
        var recorded = new ContainerDirectory(host.Paths, info.Id).ReadExit();
        Assert.Equal(3, recorded?.ExitCode);
        Assert.Equal(recorded?.FinishedAt, exit.FinishedAt);
        // Its conmon wrote the file into the one dir every container shares.
        Assert.True(File.Exists(Path.Combine(host.Paths.Exits, info.Id)));
    }

    [Fact]
    public async Task TheExitOfAContainerWhoseConmonWasPrelaunched_IsReported()
    {
        // That conmon was told its exit dir and the container's id at launch, before any create.
        using var runtime = host.Runtime(prelaunchMonitor: true);
        await using var scope = new ContainerScope(runtime);
        var prelaunched = await PrelaunchedIdAsync();
        await using var exits = new WatchedExits(runtime);

        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 8"));
        var exit = await exits.ExitOfAsync(info.Id, Within);

        Assert.Equal(prelaunched, info.Id);
        Assert.Equal(8, exit.ExitCode);
    }

    [Fact]
    public async Task AContainerKilledWithSigkill_IsReportedWith137()
    {
        await using var scope = new ContainerScope(host.Runtime());
        await using var exits = new WatchedExits(scope.Runtime);
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        await scope.Runtime.KillAsync(info.Id, 9, default);
        var exit = await exits.ExitOfAsync(info.Id, Within);

        Assert.Equal(ContainerStatus.Stopped, exit.Status);
        Assert.Equal(137, exit.ExitCode);
        Assert.False(exit.OomKilled);
    }

    [Fact]
    public async Task AContainerKilledForMemory_IsReportedAsOomKilled()
    {
        await using var scope = new ContainerScope(host.Runtime());
        await using var exits = new WatchedExits(scope.Runtime);

        var hog = await scope.RunAsync(ContainerHost.Spec("perl", "-e", "$x = 'x' x ($ARGV[0] * 1024 * 1024); sleep 5", "200")
            with { Limits = new ResourceLimits(32 * ResourceLimits.MiB, 1m, 64) });
        var exit = await exits.ExitOfAsync(hog.Id, Within);

        Assert.True(exit.OomKilled, $"not reported as OOM (exit {exit.ExitCode})");
        Assert.Equal(137, exit.ExitCode);
    }

    [Fact]
    public async Task ConcurrentWatchers_EachGetEveryExit_Once()
    {
        await using var scope = new ContainerScope(host.Runtime());
        await using var first = new WatchedExits(scope.Runtime);
        // Another runtime instance too, as a second reader in another process would be.
        await using var second = new WatchedExits(host.Runtime());

        var a = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 1"));
        var b = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.2; exit 2"));
        var last = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.5; exit 9"));

        foreach (var watch in new[] { first, second })
        {
            await watch.ExitOfAsync(last.Id, Within);
            Assert.Equal(1, Assert.Single(watch.Seen, e => e.Id == a.Id).ExitCode);
            Assert.Equal(2, Assert.Single(watch.Seen, e => e.Id == b.Id).ExitCode);
        }
    }

    [Fact]
    public async Task ExitsBeforeTheWatch_AreNotRepeated()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var before = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 1"));
        var unrecorded = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 2"));
        await scope.WaitStoppedAsync(before.Id, Within);
        // Exited, but nobody has looked at it yet (no exit.json): still an exit before the call.
        await WaitForFileAsync(new ContainerDirectory(host.Paths, unrecorded.Id).ExitFile);

        await using var exits = new WatchedExits(scope.Runtime);
        var after = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 3"));
        await exits.ExitOfAsync(after.Id, Within);

        Assert.DoesNotContain(exits.Seen, e => e.Id == before.Id || e.Id == unrecorded.Id);
    }

    [Fact]
    public async Task AttachedRuns_AreLeftOut()
    {
        await using var scope = new ContainerScope(host.Runtime());
        await using var exits = new WatchedExits(scope.Runtime);

        var attached = await scope.Runtime.RunAttachedAsync(ContainerHost.Spec("sh", "-c", "echo hi; exit 5"), new RecordingOutput(), Within, default);
        // Reported after the attached run's exit: by then the watch has passed over it.
        var after = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 6"));
        await exits.ExitOfAsync(after.Id, Within);

        Assert.Equal(5, attached.ExitCode);
        Assert.DoesNotContain(exits.Seen, e => e.Id == attached.Id);
    }

    [Fact]
    public async Task AContainerDeletedBeforeItsExitIsLookedAt_IsSkipped()
    {
        await using var scope = new ContainerScope(host.Runtime());
        using var cts = new CancellationTokenSource(Within);
        // Not read until the end: the watch queues the exits' events meanwhile.
        await using var exits = scope.Runtime.WatchExitsAsync(cts.Token).GetAsyncEnumerator();

        var gone = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 1"));
        await scope.WaitStoppedAsync(gone.Id, Within);
        await scope.Runtime.DeleteAsync(gone.Id, default);
        var after = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 2"));

        Assert.True(await exits.MoveNextAsync());
        Assert.Equal(after.Id, exits.Current.Id);
        Assert.Equal(2, exits.Current.ExitCode);
    }

    [Fact]
    public async Task WithoutAnInotifyWatch_RescansOfTheDir_ReportEveryExit()
    {
        // The path a lost event (inotify's queue overflowed) takes: a listing of the dir, compared
        // with what was reported already.
        await using var scope = new ContainerScope(host.Runtime());
        var ctx = new RuntimeContext(host.Paths, host.Images, null, new ContainerRuntimeOptions { UserNamespace = host.UserNamespace }, TimeProvider.System);
        var before = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 1"));
        await scope.WaitStoppedAsync(before.Id, Within);
        await using var exits = new WatchedExits(ct => new ExitWatcher(ctx, new ContainerInspector(ctx), ct, inotify: false));

        var a = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 4"));
        var b = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.5; exit 5"));

        Assert.Equal(4, (await exits.ExitOfAsync(a.Id, Within)).ExitCode);
        Assert.Equal(5, (await exits.ExitOfAsync(b.Id, Within)).ExitCode);
        Assert.DoesNotContain(exits.Seen, e => e.Id == before.Id);
        Assert.Equal(2, exits.Seen.Count(e => e.Id == a.Id || e.Id == b.Id));
    }

    [Fact]
    public async Task AWatch_EndsWithItsEnumeration_OrItsToken_LeavingNoInotifyWatch()
    {
        await using var scope = new ContainerScope(host.Runtime());
        Assert.Equal(0, InotifyWatchesOn(host.Paths.Exits));

        // Abandoned after its first exit.
        using (var cts = new CancellationTokenSource(Within))
        {
            var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "sleep 0.3; exit 3"));
            var watch = scope.Runtime.WatchExitsAsync(cts.Token);
            Assert.Equal(1, InotifyWatchesOn(host.Paths.Exits));
            await foreach (var exit in watch)
                if (exit.Id == info.Id) break;
            await WaitForNoWatchAsync(host.Paths.Exits);
        }

        // Never enumerated: its token ends it.
        using (var cts = new CancellationTokenSource())
        {
            _ = scope.Runtime.WatchExitsAsync(cts.Token);
            Assert.Equal(1, InotifyWatchesOn(host.Paths.Exits));
            await cts.CancelAsync();
            await WaitForNoWatchAsync(host.Paths.Exits);
        }
    }

    [Fact]
    public async Task DeletingAContainer_RemovesItsExitFile()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 0"));
        await scope.WaitStoppedAsync(info.Id, Within);
        var exitFile = new ContainerDirectory(host.Paths, info.Id).ExitFile;
        Assert.Equal(host.Paths.Exits, Path.GetDirectoryName(exitFile));
        Assert.True(File.Exists(exitFile), $"{exitFile} missing");

        await scope.Runtime.DeleteAsync(info.Id, default);

        Assert.False(File.Exists(exitFile), $"{exitFile} remains");
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task Recovery_RemovesExitFilesOfContainersThatAreGone_AndKeepsTheOthers()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var kept = await scope.RunAsync(ContainerHost.Spec("sh", "-c", "exit 0"));
        await scope.WaitStoppedAsync(kept.Id, Within);
        // A crash between a delete's last two steps, and a conmon's half-written file.
        var stale = Path.Combine(host.Paths.Exits, "00000000c0ffee00");
        var temporary = Path.Combine(host.Paths.Exits, "00000000c0ffee01.Q1W2E3");
        File.WriteAllText(stale, "0");
        File.WriteAllText(temporary, "1");

        await host.Runtime().RecoverAsync(default);

        Assert.False(File.Exists(stale), "the exit file of a container that is gone remains");
        Assert.False(File.Exists(temporary), "a temporary exit file of a container that is gone remains");
        Assert.True(File.Exists(new ContainerDirectory(host.Paths, kept.Id).ExitFile), "recovery removed the exit file of an existing container");
    }

    /// <summary>The id of the conmon waiting for the next create, once it is ready to be taken (its pending log is open).</summary>
    private async Task<string> PrelaunchedIdAsync()
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var ready = Directory.GetDirectories(host.Paths.Containers).Select(Path.GetFileName).OfType<string>()
                .Where(id => !File.Exists(Path.Combine(host.Paths.Containers, id, "container.json")) &&
                             File.Exists(Path.Combine(MonitorPool.PendingDirOf(host.Paths), id + ".log")))
                .ToList();
            if (ready.Count == 1) return ready[0];
            Assert.True(DateTime.UtcNow < deadline, $"no conmon was prelaunched within {Within.TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    private static async Task WaitForFileAsync(string file)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!File.Exists(file))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{file} did not appear");
            await Task.Delay(10);
        }
    }

    private static async Task WaitForNoWatchAsync(string dir)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (InotifyWatchesOn(dir) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"an inotify watch on {dir} remains after its exit watch ended");
            await Task.Delay(20);
        }
    }

    /// <summary>This process's inotify watches on <paramref name="dir"/> (/proc/self/fdinfo: "inotify wd:N ino:HEX ...").</summary>
    private static int InotifyWatchesOn(string dir)
    {
        var inode = FileStatus.Of(dir).Inode.ToString("x", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget != "anon_inode:inotify") continue;
                count += File.ReadLines(Path.Combine("/proc/self/fdinfo", Path.GetFileName(fd)))
                    .Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal) && l.Contains($" ino:{inode} ", StringComparison.Ordinal));
            }
            catch (IOException) { } // closed meanwhile
        }
        return count;
    }
}
