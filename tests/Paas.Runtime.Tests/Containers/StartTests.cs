using System.Diagnostics;
using Paas.Core.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>Start releases the created init through runc's exec fifo; runc must agree on the result.</summary>
[Collection(ContainerCollection.Name)]
public sealed class StartTests(ContainerHost host)
{
    [Fact]
    public async Task Start_RunsTheProcess_AndTheRuntimeReportsItRunning()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var created = await scope.CreateAsync(ContainerHost.Spec("sh", "-c", "echo started; exec sleep 300"));

        var started = await scope.Runtime.StartAsync(created.Id, default);

        Assert.Equal(ContainerStatus.Running, started.Status);
        Assert.Equal(created.Pid, started.Pid);
        await LogWait.ForLineAsync(host, created.Id, "started");
        // FindAsync asks `runc state`: runc itself must see the container as running, not created.
        var found = await scope.Runtime.FindAsync(created.Id, default);
        Assert.Equal(ContainerStatus.Running, found!.Status);
        Assert.False(File.Exists(Path.Combine(host.Paths.RuntimeState, created.Id, "exec.fifo")), "runc's exec fifo remains");
    }

    [Fact]
    public async Task StartingTwice_FailsTheSecondTime_WithTheRuntimesMessage()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => scope.Runtime.StartAsync(info.Id, default));

        Assert.Equal("start", e.Operation);
        Assert.Contains("already running", e.Detail);
    }

    [Fact]
    public async Task Start_AfterTheInitWasKilled_FailsPromptly_AndDeleteCleansUp()
    {
        string id;
        await using (var scope = new ContainerScope(host.Runtime()))
        {
            var created = await scope.CreateAsync(ContainerHost.Spec("true"));
            id = created.Id;
            Process.GetProcessById(created.Pid!.Value).Kill();

            var clock = Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => scope.Runtime.StartAsync(created.Id, default));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"start took {clock.Elapsed} on a dead init");
            Assert.Equal("start", e.Operation);
            Assert.Contains("stopped", e.Detail);
        }
        LeftoverAssert.NothingLeft(host, id);
    }
}
