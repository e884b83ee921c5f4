using Npgsql;

namespace Paas.Data;

/// <summary>
/// The process's one <see cref="NpgsqlDataSource"/>, with timeouts short enough that a stopped or hung
/// PostgreSQL turns into a 503 within 5 s instead of a request that hangs for Npgsql's defaults
/// (15 s to connect, 30 s per command). Timeouts the operator put in PAAS_DATABASE are kept.
/// </summary>
public static class StateDataSource
{
    /// <summary>Seconds to open a connection (TCP, TLS and the startup handshake together).</summary>
    public const int ConnectTimeoutSeconds = 3;

    /// <summary>Seconds per statement: every state statement is a short row operation.</summary>
    public const int CommandTimeoutSeconds = 3;

    /// <summary>After a timeout, how long to wait for the server to confirm the cancel before dropping the connection.</summary>
    public const int CancellationTimeoutMilliseconds = 500;

    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(WithTimeouts(connectionString));

    public static string WithTimeouts(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var defaults = new NpgsqlConnectionStringBuilder();
        if (builder.Timeout == defaults.Timeout) builder.Timeout = ConnectTimeoutSeconds;
        if (builder.CommandTimeout == defaults.CommandTimeout) builder.CommandTimeout = CommandTimeoutSeconds;
        if (builder.CancellationTimeout == defaults.CancellationTimeout) builder.CancellationTimeout = CancellationTimeoutMilliseconds;
        return builder.ConnectionString;
    }
}
