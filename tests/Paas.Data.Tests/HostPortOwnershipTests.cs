using Npgsql;
using Paas.Core.Errors;
using Paas.Core.Routing;
using Paas.Data.Migrations;
using Paas.Testing;

namespace Paas.Data.Tests;

/// <summary>Migration 0003: who owns a host port is the database's to say, also for installs the old race left with several owners.</summary>
public sealed class HostPortOwnershipTests(StateDatabaseFixture db) : IClassFixture<StateDatabaseFixture>
{
    private static string Unique() => "app-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheConstraint_RefusesATcpPortOfAnotherApp_ButHttpPortsAreShared()
    {
        var port = Random.Shared.Next(20000, 30000);
        var (first, second) = (Unique(), Unique());
        await using var session = await db.Store.BeginAsync(default);
        var a = await session.Apps.CreateAsync(first, default);
        var b = await session.Apps.CreateAsync(second, default);
        await session.Ports.AddAsync(a.Id, new PortMapping("http", port + 1, 5000), default);
        await session.Ports.AddAsync(b.Id, new PortMapping("http", port + 1, 5000), default);
        await session.Ports.AddAsync(a.Id, new PortMapping("tcp", port, 5000), default);
        await session.Ports.AddAsync(a.Id, new PortMapping("udp", port, 5000), default);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => session.Ports.AddAsync(b.Id, new PortMapping("udp", port, 5000), default));

        Assert.Equal($"port udp:{port} is already used by another app: a host port with a tcp or udp mapping belongs to one app only; choose another host port", conflict.Message);
    }

    [Fact]
    public async Task Migration0003_OnAnInstallWithSeveralOwners_KeepsTheOldestApp_AndAuditsWhatWent()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            // The schema as 0001 and 0002 left it, recorded in DbUp's journal as applied.
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                var migrations = Path.Combine(RepositoryRoot.Find(), "migrations");
                foreach (var script in new[] { "0001_create_state_schema.sql", "0002_create_settings.sql" })
                    await ExecuteAsync(connection, await File.ReadAllTextAsync(Path.Combine(migrations, script)));
                await ExecuteAsync(connection,
                    """
                    create table schemaversions (schemaversionsid serial primary key, scriptname varchar(255) not null, applied timestamp not null);
                    insert into schemaversions (scriptname, applied) values
                      ('migrations.0001_create_state_schema.sql', now()), ('migrations.0002_create_settings.sql', now());
                    insert into apps (name) values ('old'), ('newer'), ('newest'), ('web');
                    insert into port_mappings (app_id, scheme, host_port, container_port)
                    select id, 'tcp', 7400, 6379 from apps where name in ('old', 'newer', 'newest');
                    insert into port_mappings (app_id, scheme, host_port, container_port)
                    select id, 'http', 7400, 5000 from apps where name = 'web';
                    insert into port_mappings (app_id, scheme, host_port, container_port)
                    select id, 'http', 80, 5000 from apps;
                    """);
            }

            // 0003 first; the migrations after it apply on top, as on a real upgrade.
            Assert.Equal("migrations.0003_enforce_exclusive_names_and_ports.sql", MigrationRunner.Run(connectionString)[0]);

            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync();
            Assert.Equal(["old tcp"], await RowsAsync(check, "select a.name || ' ' || p.scheme from port_mappings p join apps a on a.id = p.app_id where host_port = 7400"));
            Assert.Equal(4, (await RowsAsync(check, "select a.name from port_mappings p join apps a on a.id = p.app_id where host_port = 80")).Count);
            Assert.Equal(["newer", "newest", "web"], await RowsAsync(check, "select app from events where action = 'ports:remove' order by app"));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
