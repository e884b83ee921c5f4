using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Runtime.Tests.Network;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>RunAttachedAsync cancelled or timed out: the container is killed and nothing of it is left.</summary>
[Collection(ContainerCollection.Name)]
public sealed class AttachedRunStopTests(ContainerHost host)
{
    [Fact]
    public async Task Cancelled_KillsAndDeletesTheContainer_AndThrowsOperationCanceled()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        using var runtime = host.Runtime(bed.Network());
        var output = new RecordingOutput();
        var hostname = RunningContainers.UniqueHostname();
        using var cts = new CancellationTokenSource();
        var spec = BridgeSpec(hostname, "echo started; sleep 300; echo never");

        var run = runtime.RunAttachedAsync(spec, output, TimeSpan.FromMinutes(5), cts.Token);
        await output.SeenAsync(LogStream.Stdout, "started").WaitAsync(TimeSpan.FromSeconds(20));
        var id = await RunningContainers.IdByHostnameAsync(runtime, hostname, TimeSpan.FromSeconds(5));
        var address = (await runtime.FindAsync(id, CancellationToken.None))!.IpAddress;
        Assert.NotNull(address);
        Assert.NotEmpty(await NetworkAssert.BridgePortsAsync(bed));

        var started = DateTime.UtcNow;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"cancellation took {DateTime.UtcNow - started}");

        Assert.DoesNotContain("never", output.Of(LogStream.Stdout));
        await AssertGoneAsync(runtime, bed, id, address);
    }

    [Fact]
    public async Task TimedOut_KillsAndDeletesTheContainer_AndThrowsTimeout()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        using var runtime = host.Runtime(bed.Network());
        var output = new RecordingOutput();
        var hostname = RunningContainers.UniqueHostname();
        var spec = BridgeSpec(hostname, "echo started; sleep 300; echo never");

        var run = runtime.RunAttachedAsync(spec, output, TimeSpan.FromSeconds(2), CancellationToken.None);
        await output.SeenAsync(LogStream.Stdout, "started").WaitAsync(TimeSpan.FromSeconds(20));
        var id = await RunningContainers.IdByHostnameAsync(runtime, hostname, TimeSpan.FromSeconds(5));
        var address = (await runtime.FindAsync(id, CancellationToken.None))!.IpAddress;

        await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(["started"], output.Of(LogStream.Stdout));
        await AssertGoneAsync(runtime, bed, id, address);
    }

    [Fact]
    public async Task CancelledBeforeTheStart_LeavesNothing()
    {
        using var runtime = host.Runtime();
        var hostname = RunningContainers.UniqueHostname();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runtime.RunAttachedAsync(ContainerHost.Spec("echo", "never") with { Hostname = hostname }, new RecordingOutput(), TimeSpan.FromMinutes(1), cts.Token));

        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Spec.Hostname == hostname);
    }

    [Fact]
    public async Task FailingOutput_KillsAndDeletesTheContainer_AndPassesTheErrorOn()
    {
        using var runtime = host.Runtime();
        var hostname = RunningContainers.UniqueHostname();
        var output = new ThrowingOutput();

        var e = await Assert.ThrowsAsync<IOException>(() => runtime.RunAttachedAsync(
            ContainerHost.Spec("sh", "-c", "echo one; sleep 300") with { Hostname = hostname }, output, TimeSpan.FromMinutes(1), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("the pusher hung up", e.Message);
        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Spec.Hostname == hostname);
    }

    private static ContainerSpec BridgeSpec(string hostname, string script) => ContainerHost.Spec("sh", "-c", script) with
    {
        Hostname = hostname,
        Network = NetworkMode.Bridge,
    };

    private async Task AssertGoneAsync(Paas.Runtime.Containers.ContainerRuntime runtime, NetworkTestBed bed, string id, string? address)
    {
        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Id == id);
        LeftoverAssert.NothingLeft(host, id);
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Contains(Path.Combine(host.Paths.Containers, id)));
        await NetworkAssert.NothingLeftAsync(bed, id, address is null ? null : System.Net.IPAddress.Parse(address));
        Assert.Empty(await NetworkAssert.BridgePortsAsync(bed));
    }

    private sealed class ThrowingOutput : IContainerOutput
    {
        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct) =>
            throw new IOException("the pusher hung up");
    }
}
