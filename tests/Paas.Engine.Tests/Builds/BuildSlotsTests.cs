using Paas.Engine.Builds;

namespace Paas.Engine.Tests.Builds;

public sealed class BuildSlotsTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ASecondBuildOfTheSameApp_WaitsSayingForWhich_ThenRuns()
    {
        var slots = new BuildSlots();
        var waits = new List<BuildWait>();
        var first = await slots.AcquireAsync(1, 10, () => 4, w => { waits.Add(w); return Task.CompletedTask; }, default);

        var second = slots.AcquireAsync(1, 11, () => 4, w => { lock (waits) waits.Add(w); return Task.CompletedTask; }, default);
        await Task.Delay(Short);
        Assert.False(second.IsCompleted);
        Assert.Equal([new BuildWait(10, null)], waits);
        Assert.Equal(10, slots.BuildOf(1));

        first.Dispose();
        using var got = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(11, slots.BuildOf(1));
    }

    [Fact]
    public async Task BuildsOfDifferentApps_RunTogether_UpToTheHostLimit()
    {
        var slots = new BuildSlots();
        var waits = new List<BuildWait>();
        Task Record(BuildWait w) { lock (waits) waits.Add(w); return Task.CompletedTask; }
        using var a = await slots.AcquireAsync(1, 1, () => 2, Record, default);
        var b = await slots.AcquireAsync(2, 2, () => 2, Record, default);
        Assert.Equal(2, slots.Running);

        var c = slots.AcquireAsync(3, 3, () => 2, Record, default);
        await Task.Delay(Short);
        Assert.False(c.IsCompleted);
        Assert.Equal([new BuildWait(null, 2)], waits);

        b.Dispose();
        using var got = await c.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, slots.Running);
    }

    [Fact]
    public async Task ACancelledWaiter_Leaves_WithoutTakingASlot()
    {
        var slots = new BuildSlots();
        using var first = await slots.AcquireAsync(1, 1, () => 1, _ => Task.CompletedTask, default);
        using var cts = new CancellationTokenSource();
        var waiting = slots.AcquireAsync(1, 2, () => 1, _ => Task.CompletedTask, cts.Token);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, slots.BuildOf(1));
        Assert.Equal(1, slots.Running);
    }

    [Fact]
    public async Task DisposingASlotTwice_FreesItOnce()
    {
        var slots = new BuildSlots();
        var a = await slots.AcquireAsync(1, 1, () => 2, _ => Task.CompletedTask, default);
        using var b = await slots.AcquireAsync(2, 2, () => 2, _ => Task.CompletedTask, default);
        a.Dispose();
        a.Dispose();
        Assert.Equal(1, slots.Running);
    }
}
