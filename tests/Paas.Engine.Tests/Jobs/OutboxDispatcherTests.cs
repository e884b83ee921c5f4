using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Paas.Data;
using Paas.Data.Jobs;
using Paas.Data.Migrations;
using Paas.Engine.Cron;
using Paas.Engine.Images;
using Paas.Engine.Jobs;
using Paas.Testing;

namespace Paas.Engine.Tests.Jobs;

/// <summary>The outbox against a real PostgreSQL and Hangfire's real storage in it (no Hangfire server: jobs stay enqueued to be counted).</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private PostgresServer? _server;
    private string _connectionString = "";
    private NpgsqlDataSource? _source;
    private PostgresStateStore _state = null!;
    private JobStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _connectionString = await _server.CreateDatabaseAsync();
        MigrationRunner.Run(_connectionString);
        JobStorageFactory.InstallSchema(_connectionString);
        _source = StateDataSource.Create(_connectionString);
        _state = new PostgresStateStore(_source);
        _storage = JobStorageFactory.Create(_connectionString, JobStorageSettings.Default);
    }

    public async Task DisposeAsync()
    {
        if (_source is not null) await _source.DisposeAsync();
        if (_server is not null) await _server.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task EachEntry_IsEnqueuedExactlyOnce_WhenDispatchersRunAtOnceAndAgain()
    {
        const int entries = 40;
        await using (var session = await _state.BeginAsync(default))
        {
            for (var i = 1; i <= entries; i++)
                await session.Outbox.AddAsync(i % 2 == 0 ? OutboxJobs.ImageRetention : OutboxJobs.CronSync, i, default);
            await session.CommitAsync(default);
        }

        var passes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Dispatcher().DispatchPendingAsync(default))));
        var again = await Dispatcher().DispatchPendingAsync(default);

        Assert.Equal(entries, passes.Sum());
        Assert.Equal(0, again);
        var enqueued = EnqueuedJobs();
        Assert.Equal(entries, enqueued.Count);
        Assert.Equal(Enumerable.Range(1, entries).Select(i => (long)i).Order(),
            enqueued.Select(j => (long)j.Job.Args[0]).Order());
        Assert.Equal(entries / 2, enqueued.Count(j => j.Job.Type == typeof(ImageRetentionJob)));
        Assert.Equal(entries / 2, enqueued.Count(j => j.Job.Type == typeof(CronRegistrar)));
        await using var command = _source!.CreateCommand("select count(distinct hangfire_job) from job_outbox where dispatched_at is not null");
        Assert.Equal((long)entries, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnEntryOfARolledBackTransaction_IsNeverEnqueued()
    {
        await using (var session = await _state.BeginAsync(default))
            await session.Outbox.AddAsync(OutboxJobs.CronSync, 7, default);

        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(default));
        Assert.Empty(EnqueuedJobs());
    }

    private OutboxDispatcher Dispatcher() =>
        new(_state, new BackgroundJobClient(_storage), new RecurringJobs(new RecurringJobManager(_storage)), TimeProvider.System,
            NullLogger<OutboxDispatcher>.Instance);

    private List<EnqueuedJobDto> EnqueuedJobs() =>
        _storage.GetMonitoringApi().EnqueuedJobs("default", 0, 1000).Select(j => j.Value).ToList();
}
