using Npgsql;

namespace Paas.Testing;

/// <summary>
/// A real PostgreSQL for tests: the server named by PAAS_TEST_DB (an Npgsql connection string with
/// rights to create databases), or else a throwaway cluster made with Debian's initdb/pg_ctl on a
/// unix socket in a temp dir (about a second). Each <see cref="CreateDatabaseAsync"/> gives a fresh
/// database, so tests own their data. Missing PostgreSQL binaries are a failure, never a skip.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string BinDir = "/usr/lib/postgresql/15/bin";
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;

    private readonly string? _clusterDir;
    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, string? clusterDir)
    {
        _adminConnectionString = adminConnectionString;
        _clusterDir = clusterDir;
    }

    /// <summary>One server per test process; stopped when the process exits.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            _shared = await StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("PAAS_TEST_DB");
        if (!string.IsNullOrEmpty(external))
            return new PostgresServer(external, null);
        return await StartPrivateAsync();
    }

    /// <summary>
    /// A throwaway cluster of this caller's own, even when PAAS_TEST_DB is set: for tests that stop and
    /// restart the server (<see cref="StopAsync"/>), which a shared or external server must never see.
    /// </summary>
    public static async Task<PostgresServer> StartPrivateAsync()
    {
        if (!File.Exists(Path.Combine(BinDir, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDir}/initdb missing): run tests/run.sh, which installs it, or set PAAS_TEST_DB");

        SweepStaleClusters();
        var dir = Directory.CreateTempSubdirectory(ClusterPrefix).FullName;
        var data = Path.Combine(dir, "data");
        var socket = Path.Combine(dir, "sock");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(socket);
        await ProcessRunner.RunCheckedAsync("chown", "-R", "postgres:postgres", dir);
        var server = new PostgresServer($"Host={socket};Port=5432;Username=postgres;Database=postgres;Pooling=false", dir);
        try
        {
            await AsPostgresAsync("initdb", "-D", data, "-A", "trust", "-E", "UTF8", "--no-sync", "-U", "postgres");
            await server.PgCtlStartAsync();
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
        return server;
    }

    /// <summary>Whether the cluster's postmaster runs (always true for an external server).</summary>
    public bool IsRunning { get; private set; } = true;

    /// <summary>Really stops the throwaway cluster (pg_ctl stop, fast mode: sessions are ended, as on a host shutdown).</summary>
    public async Task StopAsync()
    {
        if (_clusterDir is null)
            throw new InvalidOperationException("an external PostgreSQL (PAAS_TEST_DB) is never stopped by tests: use StartPrivateAsync");
        await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_clusterDir, "data"), "-m", "fast", "-w", "stop");
        IsRunning = false;
    }

    /// <summary>Starts a cluster stopped by <see cref="StopAsync"/> again, on the same socket and data.</summary>
    public async Task StartAgainAsync()
    {
        if (_clusterDir is null || IsRunning) return;
        await PgCtlStartAsync();
    }

    private async Task PgCtlStartAsync()
    {
        var data = Path.Combine(_clusterDir!, "data");
        var socket = Path.Combine(_clusterDir!, "sock");
        await AsPostgresAsync("pg_ctl", "-D", data, "-w", "-l", Path.Combine(_clusterDir!, "server.log"), "-o",
            $"-k {socket} -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start");
        IsRunning = true;
    }

    private const string ClusterPrefix = "paas-pg-";

    /// <summary>
    /// A test host that is killed at its end (vstest does not always wait for exit handlers) leaves its
    /// stopped cluster's directory behind: remove those of earlier runs. A directory younger than two
    /// minutes may belong to a cluster another test process is creating right now, so it is left alone.
    /// </summary>
    private static void SweepStaleClusters()
    {
        foreach (var dir in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(ClusterPrefix + "*"))
        {
            if (DateTime.UtcNow - dir.CreationTimeUtc < TimeSpan.FromMinutes(2)) continue;
            var pidFile = Path.Combine(dir.FullName, "data", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                dir.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "paas_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterDir is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (IsRunning)
                await AsPostgresAsync("pg_ctl", "-D", Path.Combine(_clusterDir, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_clusterDir, recursive: true);
        }
    }

    private static async Task AsPostgresAsync(string tool, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDir, tool), .. arguments]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
    }
}
