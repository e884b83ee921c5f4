using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Runtime.Logs;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>IContainerRuntime.RunAttachedAsync: live output, exit, and nothing left behind.</summary>
[Collection(ContainerCollection.Name)]
public sealed class AttachedRunTests(ContainerHost host)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Lines_ArriveLive_BeforeTheContainerExits()
    {
        using var gate = new TestGateDir(host);
        using var runtime = host.Runtime();
        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", "echo first; while [ ! -e /gate/go ]; do sleep 0.05; done; echo second") with
        {
            Volumes = [new VolumeMount(gate.Path, "/gate", ReadOnly: true)],
        };

        var run = runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);
        await output.SeenAsync(LogStream.Stdout, "first").WaitAsync(TimeSpan.FromSeconds(20));
        // The container is still waiting for the file: "first" came while it ran.
        Assert.False(run.IsCompleted, "the run ended before the test let it");
        Assert.Equal(["first"], output.Of(LogStream.Stdout));

        File.WriteAllText(Path.Combine(gate.Path, "go"), "");
        var info = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["first", "second"], output.Of(LogStream.Stdout));
        Assert.Equal(ContainerStatus.Stopped, info.Status);
        Assert.Equal(0, info.ExitCode);
        Assert.False(info.OomKilled);
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task StdoutAndStderr_AreApart_ExitCodeReturned_PartialLastLinesDelivered()
    {
        using var runtime = host.Runtime();
        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", "echo out-1; echo err-1 >&2; echo out-2; printf 'err-partial' >&2; printf 'out-partial'; exit 3");

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.Equal(["out-1", "out-2", "out-partial"], output.Of(LogStream.Stdout));
        Assert.Equal(["err-1", "err-partial"], output.Of(LogStream.Stderr));
        Assert.Equal(3, info.ExitCode);
        Assert.Equal(ContainerStatus.Stopped, info.Status);
        Assert.NotNull(info.FinishedAt);
        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Id == info.Id);
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task LongLines_AreCutAt64KiB_NeverHeldWhole()
    {
        using var runtime = host.Runtime();
        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", "head -c 150000 /dev/zero | tr '\\0' a; echo; echo after");

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        var lines = output.Of(LogStream.Stdout);
        Assert.Equal([65536, 65536, 150000 - 2 * 65536, 5], lines.Select(l => l.Length));
        Assert.All(lines.Take(3), l => Assert.True(l.All(c => c == 'a')));
        Assert.Equal("after", lines[^1]);
    }

    [Fact]
    public async Task AllocatingPastTheMemoryLimit_IsReportedAsOomKilled()
    {
        using var runtime = host.Runtime();
        var output = new RecordingOutput();
        // The size comes from argv: perl would fold a constant and allocate before it printed.
        var spec = ContainerHost.Spec("perl", "-e", "$| = 1; print qq(allocating\\n); $x = 'x' x ($ARGV[0] * 1024 * 1024); print qq(survived\\n)", "200") with
        {
            Limits = new ResourceLimits(32 * ResourceLimits.MiB, 1m, 64),
        };

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.True(info.OomKilled, $"not reported as OOM (exit {info.ExitCode})");
        Assert.Equal(137, info.ExitCode);
        Assert.Equal(["allocating"], output.Of(LogStream.Stdout));
        LeftoverAssert.NothingLeft(host, info.Id);
    }

    [Fact]
    public async Task Output_NeverReachesTheAppsLogHistory_NorAnyFileUnderTheRoot()
    {
        var app = ContainerHost.NewAppId();
        using var gate = new TestGateDir(host);
        // As paasd runs it: a conmon waiting ahead of time (with a log file of its own) must not serve this run.
        using var runtime = host.Runtime(prelaunchMonitor: true);
        var output = new RecordingOutput();
        // The marker is made inside the container: the command line (in config.json) does not hold it.
        var spec = LogTests.Spec(app, "build", "echo \"secret-$((6 * 7))-out\"; echo \"secret-$((6 * 7))-err\" >&2; while [ ! -e /gate/go ]; do sleep 0.05; done") with
        {
            Volumes = [new VolumeMount(gate.Path, "/gate", ReadOnly: true)],
        };

        var run = runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);
        await output.SeenAsync(LogStream.Stderr, "secret-42-err").WaitAsync(TimeSpan.FromSeconds(20));
        await output.SeenAsync(LogStream.Stdout, "secret-42-out").WaitAsync(TimeSpan.FromSeconds(20));

        // While it runs (and after the lines were passed on): in no file under the runtime root.
        Assert.Empty(FilesContaining(host.Paths.Root, "secret-42"));
        Assert.Empty(await new FileLogStore(host.Paths).TailAsync(app, 100, null, CancellationToken.None));
        Assert.False(Directory.Exists(LogFiles.AppDir(host.Paths, LogFiles.AppKey(app))), "the app got a log dir");

        File.WriteAllText(Path.Combine(gate.Path, "go"), "");
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(await new FileLogStore(host.Paths).TailAsync(app, 100, null, CancellationToken.None));
        Assert.Empty(FilesContaining(host.Paths.Root, "secret-42"));
    }

    [Fact]
    public async Task ManyLines_ToASlowReader_AllArriveInOrder()
    {
        using var runtime = host.Runtime();
        var output = new SlowOutput();

        var info = await runtime.RunAttachedAsync(ContainerHost.Spec("seq", "1", "200000"), output, Long, CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        Assert.Equal(Enumerable.Range(1, 200000).Select(i => i.ToString()), output.Lines);
    }

    [Fact]
    public async Task TwoRunsAtOnce_EachGetsOnlyItsOwnOutput()
    {
        using var runtime = host.Runtime();
        var first = new RecordingOutput();
        var second = new RecordingOutput();

        var runs = await Task.WhenAll(
            runtime.RunAttachedAsync(ContainerHost.Spec("sh", "-c", "for i in 1 2 3; do echo a-$i; sleep 0.1; done"), first, Long, CancellationToken.None),
            runtime.RunAttachedAsync(ContainerHost.Spec("sh", "-c", "for i in 1 2 3; do echo b-$i; sleep 0.1; done; exit 4"), second, Long, CancellationToken.None));

        Assert.Equal(["a-1", "a-2", "a-3"], first.Of(LogStream.Stdout));
        Assert.Equal(["b-1", "b-2", "b-3"], second.Of(LogStream.Stdout));
        Assert.Equal([0, 4], runs.Select(r => r.ExitCode));
        Assert.NotEqual(runs[0].Id, runs[1].Id);
    }

    /// <summary>Yields on every line and sleeps now and then: conmon must wait for it, not drop output.</summary>
    private sealed class SlowOutput : IContainerOutput
    {
        public List<string> Lines { get; } = [];

        public async ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
        {
            Lines.Add(line);
            if (Lines.Count % 20000 == 0) await Task.Delay(50, ct);
            else await Task.Yield();
        }
    }

    /// <summary>Regular files below <paramref name="root"/> (not following links, not the container's own root fs) holding <paramref name="text"/>.</summary>
    private static List<string> FilesContaining(string root, string text)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", options))
        {
            try
            {
                var info = new FileInfo(file);
                if (info.Length > 0 && info.Length < 16 * 1024 * 1024 && File.ReadAllText(file).Contains(text, StringComparison.Ordinal)) found.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }
}
