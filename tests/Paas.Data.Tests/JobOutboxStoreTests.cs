using System.Diagnostics;
using Npgsql;
using Paas.Core.State;
using Paas.Data.Jobs;

namespace Paas.Data.Tests;

public sealed class JobOutboxStoreTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static readonly long Argument = Random.Shared.NextInt64(1_000_000, long.MaxValue);

    [Fact]
    public async Task AnEntryOfATransactionThatRolledBack_IsNeverPending()
    {
        var argument = Argument + 1;
        await using (var session = await db.Store.BeginAsync(default))
            await session.Outbox.AddAsync("test:rolled-back", argument, default);

        await using var check = await db.Store.BeginAsync(default);
        Assert.DoesNotContain(await check.Outbox.ClaimPendingAsync(1000, default), e => e.Argument == argument);
    }

    [Fact]
    public async Task APendingEntryHeldByOneTransaction_IsSkippedByAnother_AndGoneOnceMarked()
    {
        var argument = Argument + 2;
        await AddAsync("test:claim", argument);

        await using var first = await db.Store.BeginAsync(default);
        var claimed = Assert.Single(await first.Outbox.ClaimPendingAsync(1000, default), e => e.Argument == argument);
        Assert.Equal("test:claim", claimed.Job);
        await using (var second = await db.Store.BeginAsync(default))
            Assert.DoesNotContain(await second.Outbox.ClaimPendingAsync(1000, default), e => e.Argument == argument);

        await first.Outbox.MarkDispatchedAsync(claimed.Id, "42", default);
        await first.CommitAsync(default);
        await using var third = await db.Store.BeginAsync(default);
        Assert.DoesNotContain(await third.Outbox.ClaimPendingAsync(1000, default), e => e.Argument == argument);
    }

    [Fact]
    public async Task AddingAnEntry_NotifiesOnCommit()
    {
        var argument = Argument + 3;
        var changes = new PostgresStateChanges(db.DataSource);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var listening = changes.ListenAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await listening.MoveNextAsync());
        Assert.True(listening.Current.IsResync);

        await AddAsync("test:notify", argument);

        while (await listening.MoveNextAsync())
            if (listening.Current == new StateChange("job_outbox", argument)) return;
        Assert.Fail("no job_outbox notification");
    }

    [Fact]
    public async Task HangfiresSchema_InstallsInItsOwnSchema_AndAgainQuickly()
    {
        JobStorageFactory.InstallSchema(db.ConnectionString);
        var again = Stopwatch.StartNew();
        JobStorageFactory.InstallSchema(db.ConnectionString);
        again.Stop();

        await using var command = db.DataSource.CreateCommand(
            "select count(*) from information_schema.tables where table_schema = 'hangfire' and table_name in ('job', 'jobqueue', 'hash', 'set')");
        Assert.Equal(4L, await command.ExecuteScalarAsync());
        Assert.True(again.Elapsed < TimeSpan.FromSeconds(1), $"installing a current schema took {again.Elapsed}");
    }

    [Fact]
    public async Task TheStorage_IsMadeWithoutTheDatabase()
    {
        // A server that does not exist: making the storage must not connect (paasd starts while PostgreSQL is down).
        var nowhere = new NpgsqlConnectionStringBuilder { Host = "/nonexistent-socket-dir", Database = "none", Username = "none" }.ConnectionString;
        var made = Stopwatch.StartNew();
        var storage = JobStorageFactory.Create(nowhere, JobStorageSettings.Default);
        Assert.NotNull(storage);
        Assert.True(made.Elapsed < TimeSpan.FromSeconds(1), $"making the storage took {made.Elapsed}");
        await Task.CompletedTask;
    }

    private async Task AddAsync(string job, long argument)
    {
        await using var session = await db.Store.BeginAsync(default);
        await session.Outbox.AddAsync(job, argument, default);
        await session.CommitAsync(default);
    }
}
