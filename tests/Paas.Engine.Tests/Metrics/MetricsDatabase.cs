using Npgsql;
using Paas.Core.Deploys;
using Paas.Data;
using Paas.Data.Metrics;
using Paas.Data.Migrations;
using Paas.Testing;

namespace Paas.Engine.Tests.Metrics;

/// <summary>A fresh migrated state database with the metrics store over it; apps and instance rows made on request.</summary>
public sealed class MetricsDatabase : IAsyncLifetime
{
    private PostgresServer? _server;
    private string _connectionString = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public PostgresStateStore State { get; private set; } = null!;
    public PostgresMetricsStore Metrics { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _connectionString = await _server.CreateDatabaseAsync();
        MigrationRunner.Run(_connectionString);
        DataSource = NpgsqlDataSource.Create(_connectionString);
        State = new PostgresStateStore(DataSource);
        Metrics = new PostgresMetricsStore(DataSource);
    }

    public async Task<long> CreateAppAsync(string name)
    {
        await using var session = await State.BeginAsync(default);
        var app = await session.Apps.CreateAsync(name, default);
        await session.CommitAsync(default);
        return app.Id;
    }

    /// <summary>A running instance row for <paramref name="containerId"/>, as the scheduler writes it.</summary>
    public async Task AddRunningInstanceAsync(long appId, string type, int number, string containerId, DateTimeOffset startedAt)
    {
        await using var session = await State.BeginAsync(default);
        var instance = await session.Instances.AddAsync(appId, 1, type, number, null, default);
        await session.Instances.MarkStartedAsync(instance.Id, containerId, null, null, null, "boot", InstanceState.Running, startedAt, default);
        await session.CommitAsync(default);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_server is not null) await _server.DropDatabaseAsync(_connectionString);
    }
}
