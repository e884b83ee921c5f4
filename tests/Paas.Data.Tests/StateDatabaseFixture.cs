using Npgsql;
using Paas.Data;
using Paas.Data.Migrations;
using Paas.Testing;

namespace Paas.Data.Tests;

/// <summary>A fresh migrated database on the shared throwaway PostgreSQL.</summary>
public sealed class StateDatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public PostgresStateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        ConnectionString = await _server.CreateDatabaseAsync();
        MigrationRunner.Run(ConnectionString);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Store = new PostgresStateStore(DataSource);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_server is not null)
            await _server.DropDatabaseAsync(ConnectionString);
    }
}
