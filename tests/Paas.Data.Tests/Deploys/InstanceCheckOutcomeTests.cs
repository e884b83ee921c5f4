using Paas.Core.Deploys;

namespace Paas.Data.Tests.Deploys;

/// <summary>
/// A running container's readiness and last check outcome on a real PostgreSQL (migration 0012): kept in its
/// row, changed only when it changes, announced by the containers trigger, and reset to ready by a new container.
/// </summary>
public sealed class InstanceCheckOutcomeTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Readiness_ChangesOnlyWhenItChanges_AndKeepsWhenItWentNotReady()
    {
        var (id, container) = await RunningInstanceAsync();

        Assert.True(await RecordAsync(container, ready: false, ok: false, "readiness 'ready' failed 2 times in a row (status 500)", Now));
        Assert.False(await RecordAsync(container, ready: false, ok: false, "readiness 'ready' failed 3 times in a row (status 500)", Now.AddSeconds(5)));
        var held = await FindAsync(id);
        Assert.Equal((Now, false, "readiness 'ready' failed 3 times in a row (status 500)"), (held.NotReadySince, held.LastCheckOk, held.LastCheck));
        Assert.Equal(Now.AddSeconds(5), held.LastCheckAt);

        // Another check's outcome (liveness) leaves readiness as it is.
        Assert.False(await RecordAsync(container, ready: null, ok: true, "liveness 'live' passes", Now.AddSeconds(6)));
        Assert.Equal(Now, (await FindAsync(id)).NotReadySince);

        Assert.True(await RecordAsync(container, ready: true, ok: true, "readiness 'ready' passes", Now.AddSeconds(7)));
        Assert.Null((await FindAsync(id)).NotReadySince);
        Assert.False(await RecordAsync("0000000000000000", ready: false, ok: false, "no such container", Now));
    }

    [Fact]
    public async Task ANewContainer_StartsReady_AndKeepsTheLastOutcome()
    {
        var (id, container) = await RunningInstanceAsync();
        await RecordAsync(container, ready: false, ok: false, "readiness 'ready' failed 2 times in a row (timeout)", Now);

        await using (var session = await db.Store.BeginAsync(default))
        {
            await session.Instances.MarkStartedAsync(id, NewContainerId(), null, 2, 2, "boot", InstanceState.Running, Now.AddMinutes(1), default);
            await session.CommitAsync(default);
        }

        var restarted = await FindAsync(id);
        Assert.Null(restarted.NotReadySince);
        Assert.Equal("readiness 'ready' failed 2 times in a row (timeout)", restarted.LastCheck);
    }

    [Fact]
    public async Task ClearNotReadyExcept_PutsBackOnlyTheContainersNoLongerChecked()
    {
        var (checkedId, checkedContainer) = await RunningInstanceAsync();
        var (uncheckedId, uncheckedContainer) = await RunningInstanceAsync();
        await RecordAsync(checkedContainer, ready: false, ok: false, "failed", Now);
        await RecordAsync(uncheckedContainer, ready: false, ok: false, "failed", Now);

        await using (var session = await db.Store.BeginAsync(default))
        {
            Assert.True(await session.Instances.ClearNotReadyExceptAsync([checkedContainer], default));
            Assert.False(await session.Instances.ClearNotReadyExceptAsync([checkedContainer], default));
            await session.CommitAsync(default);
        }

        Assert.NotNull((await FindAsync(checkedId)).NotReadySince);
        Assert.Null((await FindAsync(uncheckedId)).NotReadySince);
        await RecordAsync(checkedContainer, ready: true, ok: true, "passes", Now);
    }

    private async Task<bool> RecordAsync(string container, bool? ready, bool ok, string summary, DateTimeOffset at)
    {
        await using var session = await db.Store.BeginAsync(default);
        var changed = await session.Instances.RecordCheckAsync(container, ready, ok, summary, at, default);
        await session.CommitAsync(default);
        return changed;
    }

    private async Task<Instance> FindAsync(long id)
    {
        await using var session = await db.Store.BeginAsync(default);
        return (await session.Instances.FindAsync(id, default))!;
    }

    private async Task<(long Id, string ContainerId)> RunningInstanceAsync()
    {
        await using var session = await db.Store.BeginAsync(default);
        var app = await session.Apps.CreateAsync($"checks-{Guid.NewGuid():N}"[..20], default);
        var instance = await session.Instances.AddAsync(app.Id, 1, "web", 1, null, default);
        var container = NewContainerId();
        await session.Instances.MarkStartedAsync(instance.Id, container, "10.0.0.2", 1, 1, "boot", InstanceState.Running, Now, default);
        await session.CommitAsync(default);
        return (instance.Id, container);
    }

    private static string NewContainerId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}
