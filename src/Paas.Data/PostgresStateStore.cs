using Npgsql;
using Paas.Core.State;

namespace Paas.Data;

public sealed class PostgresStateStore(NpgsqlDataSource dataSource) : IStateStore
{
    public async Task<IStateSession> BeginAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new PostgresStateSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
