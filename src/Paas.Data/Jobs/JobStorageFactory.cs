using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Paas.Data.Jobs;

/// <summary>
/// Hangfire's storage in the state database, in a schema of its own ("hangfire"). The schema is
/// installed with the migrations (<see cref="InstallSchema"/>), never by the storage itself: made
/// that way the storage touches no database until a job is enqueued or fetched, so paasd starts at
/// once and serves on while PostgreSQL is down (Hangfire's own processes retry until it is back).
/// </summary>
public static class JobStorageFactory
{
    public const string SchemaName = "hangfire";

    /// <summary>Seconds per Hangfire statement: its housekeeping deletes in batches, which may take longer than a state statement.</summary>
    public const int CommandTimeoutSeconds = 30;

    public static JobStorage Create(string connectionString, JobStorageSettings settings)
    {
        var options = Options(settings);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(ConnectionString(connectionString), options), options);
    }

    /// <summary>Creates or upgrades Hangfire's tables (a no-op when they are current); run where the migrations run.</summary>
    public static void InstallSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(ConnectionString(connectionString));
        connection.Open();
        PostgreSqlObjectsInstaller.Install(connection, SchemaName);
    }

    public static PostgreSqlStorageOptions Options(JobStorageSettings settings) => new()
    {
        SchemaName = SchemaName,
        PrepareSchemaIfNecessary = false,
        // Jobs enqueued inside paasd wake its workers at once (Hangfire.PostgreSql signals in-process);
        // this poll only finds jobs another process enqueued, or ones whose worker died.
        QueuePollInterval = settings.QueuePollInterval,
        // A cron run may take long: its worker keeps the job invisible to others while it runs, and a
        // job whose paasd died is taken up again after this.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>The state database's connection string with a short connect timeout and Hangfire's statement timeout.</summary>
    public static string ConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(StateDataSource.WithTimeouts(connectionString));
        if (builder.CommandTimeout == StateDataSource.CommandTimeoutSeconds) builder.CommandTimeout = CommandTimeoutSeconds;
        return builder.ConnectionString;
    }
}
