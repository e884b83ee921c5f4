using Paas.Core.Containers;
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
}
