using System.Data;
using Dapper;
using Npgsql;

namespace Paas.Data.Stores;

/// <summary>
/// The connection and transaction a session's stores share, with Dapper calls bound to both.
/// A database that went away mid-session surfaces as <see cref="Core.Errors.StateUnavailableException"/>.
/// </summary>
internal sealed class Db(NpgsqlDataSource source, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct) =>
        StateUnavailable.GuardAsync(source, () => connection.ExecuteAsync(Command(sql, args, ct)));

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        StateUnavailable.GuardAsync<IReadOnlyList<T>>(source, async () => (await connection.QueryAsync<T>(Command(sql, args, ct))).AsList());

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        StateUnavailable.GuardAsync(source, () => connection.QuerySingleOrDefaultAsync<T>(Command(sql, args, ct)));

    public Task<T> QuerySingleAsync<T>(string sql, object? args, CancellationToken ct) =>
        StateUnavailable.GuardAsync(source, () => connection.QuerySingleAsync<T>(Command(sql, args, ct)));

    private CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(sql, args, transaction, commandType: CommandType.Text, cancellationToken: ct);
}
