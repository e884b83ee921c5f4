using Paas.Core.Checks;
using Paas.Core.Deploys;

namespace Paas.Data.Tests.Deploys;

/// <summary>
/// A running container's readiness and its checks' outcomes on a real PostgreSQL (migrations 0012 and 0013): kept in
/// its row, one result per check, changed only when it changes, and reset to ready by a new container.
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
        Assert.False(await RecordAsync(container, ready: null, ok: true, "liveness 'live' passes", Now.AddSeconds(6), key: "1"));
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
    public async Task SeveralChecks_EachKeepsItsOwnResult_AndAnyFailingReadinessCheckHoldsTheInstanceOut()
    {
        var (id, container) = await RunningInstanceAsync();

        Assert.False(await RecordAsync(container, ready: true, ok: true, "readiness 'db' passes", Now, key: "0"));
        Assert.True(await RecordAsync(container, ready: false, ok: false, "readiness 'cache' failed 2 times in a row (status 503)", Now.AddSeconds(1), key: "1"));
        Assert.False(await RecordAsync(container, ready: null, ok: true, "liveness 'live' passes", Now.AddSeconds(2), key: "2"));
        // Another readiness check passing does not put it back while one still fails.
        Assert.False(await RecordAsync(container, ready: true, ok: true, "readiness 'db' passes", Now.AddSeconds(3), key: "0"));

        var held = await FindAsync(id);
        Assert.Equal(Now.AddSeconds(1), held.NotReadySince);
        Assert.Equal(
            [
                new RunningCheckResult("0", HealthCheckType.Readiness, "db", true, "passes", Now.AddSeconds(3), container),
                new RunningCheckResult("1", HealthCheckType.Readiness, "cache", false, "failed 2 times in a row (status 503)", Now.AddSeconds(1), container),
                new RunningCheckResult("2", HealthCheckType.Liveness, "live", true, "passes", Now.AddSeconds(2), container),
            ],
            held.CheckResults);
        // The single last check is the one recorded last, as before.
        Assert.Equal(("readiness 'db' passes", true), (held.LastCheck, held.LastCheckOk));

        Assert.True(await RecordAsync(container, ready: true, ok: true, "readiness 'cache' passes", Now.AddSeconds(4), key: "1"));
        var back = await FindAsync(id);
        Assert.Null(back.NotReadySince);
        Assert.All(back.CheckResults!, r => Assert.True(r.Ok));
    }

    [Fact]
    public async Task TwoChecksRecordedAtOnce_BothKeepTheirResult()
    {
        var (id, container) = await RunningInstanceAsync();
        await using var first = await db.Store.BeginAsync(default);
        await first.Instances.RecordCheckAsync(new RunningCheckResult("0", HealthCheckType.Readiness, "a", true, "passes", Now, container), default);

        // The second waits for the first's transaction, then adds to what it wrote.
        var second = Task.Run(async () =>
        {
            await using var session = await db.Store.BeginAsync(default);
            var change = await session.Instances.RecordCheckAsync(
                new RunningCheckResult("1", HealthCheckType.Readiness, "b", false, "failed 2 times in a row (timeout)", Now, container), default);
            await session.CommitAsync(default);
            return change;
        });
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        await first.CommitAsync(default);

        Assert.Equal(new ReadinessChange(WasReady: true, Ready: false), await second);
        Assert.Equal(["a", "b"], (await FindAsync(id)).CheckResults!.Select(r => r.Name));
    }

    [Fact]
    public async Task ANewContainer_IsNotHeldOutByItsPredecessorsFailedReadinessCheck()
    {
        var (id, container) = await RunningInstanceAsync();
        await RecordAsync(container, ready: false, ok: false, "readiness 'a' failed 2 times in a row (timeout)", Now, key: "0");
        var restarted = NewContainerId();
        await using (var session = await db.Store.BeginAsync(default))
        {
            await session.Instances.MarkStartedAsync(id, restarted, null, 2, 2, "boot", InstanceState.Running, Now.AddMinutes(1), default);
            await session.CommitAsync(default);
        }

        Assert.False(await RecordAsync(restarted, ready: true, ok: true, "readiness 'b' passes", Now.AddMinutes(2), key: "1"));

        var instance = await FindAsync(id);
        Assert.Null(instance.NotReadySince);
        Assert.Equal([(container, false), (restarted, true)], instance.CheckResults!.Select(r => (r.ContainerId, r.Ok)));
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

    /// <summary>Records check <paramref name="key"/>'s outcome (readiness, unless <paramref name="ready"/> is null: liveness); true when readiness changed.</summary>
    private async Task<bool> RecordAsync(string container, bool? ready, bool ok, string summary, DateTimeOffset at, string key = "0")
    {
        var (type, name, message) = Parse(summary, ready);
        await using var session = await db.Store.BeginAsync(default);
        var change = await session.Instances.RecordCheckAsync(new RunningCheckResult(key, type, name, ok, message, at, container), default);
        await session.CommitAsync(default);
        return change?.Changed == true;
    }

    /// <summary>"readiness 'ready' failed ..." as its parts (a bare summary is a check named after its key's type).</summary>
    private static (HealthCheckType Type, string Name, string Message) Parse(string summary, bool? ready)
    {
        var type = ready is null ? HealthCheckType.Liveness : HealthCheckType.Readiness;
        var parts = summary.Split('\'');
        return parts.Length >= 3 ? (type, parts[1], parts[2].Trim()) : (type, "check", summary);
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
