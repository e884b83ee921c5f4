using Npgsql;
using Paas.Core.State;

namespace Paas.Data;

/// <summary>
/// <see cref="IAppLocks"/> as session-level advisory locks, each on a connection of its own held
/// for the lock's lifetime: the deploy's short transactions run on other connections. A paasd that
/// dies loses its connections, and with them its locks. The key space is tagged so that app ids
/// never collide with other advisory locks (Hangfire's, say).
/// </summary>
public sealed class AppAdvisoryLocks(NpgsqlDataSource source) : IAppLocks
{
    private const long Namespace = 0x5041_4153L << 32; // "PAAS"

    /// <summary>Waits as long as the holder takes (a deploy with long checks): no command timeout, only <paramref name="ct"/>.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(long appId, CancellationToken ct) =>
        (await LockAsync(appId, "select pg_advisory_lock(@key), true", commandTimeout: 0, ct))!;

    public Task<IAsyncDisposable?> TryAcquireAsync(long appId, CancellationToken ct) =>
        LockAsync(appId, "select pg_try_advisory_lock(@key)", commandTimeout: null, ct);

    private Task<IAsyncDisposable?> LockAsync(long appId, string sql, int? commandTimeout, CancellationToken ct) =>
        StateUnavailable.GuardAsync<IAsyncDisposable?>(source, async () =>
        {
            var key = Namespace | appId;
            var connection = await source.OpenConnectionAsync(ct);
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                if (commandTimeout is { } seconds) command.CommandTimeout = seconds;
                command.Parameters.AddWithValue("key", key);
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                if (!reader.GetBoolean(reader.FieldCount - 1))
                {
                    await connection.DisposeAsync();
                    return null;
                }
                return new Held(connection, key);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        });

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (StateUnavailable.Is(e))
            {
                // The connection is gone, and the server released the lock with it.
            }
            await connection.DisposeAsync();
        }
    }
}
