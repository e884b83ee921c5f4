using Npgsql;
using Paas.Core.State;

namespace Paas.Data;

public sealed class PostgresStateStore(NpgsqlDataSource dataSource) : IStateStore
{
    public Task<IStateSession> BeginAsync(CancellationToken ct) =>
        StateUnavailable.GuardAsync<IStateSession>(dataSource, async () =>
        {
            var connection = await dataSource.OpenConnectionAsync(ct);
            try
            {
                var transaction = await connection.BeginTransactionAsync(ct);
                return new PostgresStateSession(dataSource, connection, transaction);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        });

    public Task CheckAsync(CancellationToken ct) =>
        StateUnavailable.GuardAsync(dataSource, async () =>
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
        });
}
