using Npgsql;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>
/// paasd's sampler as it runs (PAAS_METRICS_INTERVAL=1): it samples a real container of an instance
/// row, and PostgreSQL going away costs one warning, not one per tick, and sampling resumes by itself.
/// The cluster is this test's own.
/// </summary>
public sealed class MetricsSamplingTests : IAsyncLifetime
{
    private readonly PaasdFixture _paasd = PaasdFixture.WithPrivateDatabaseServer(new Dictionary<string, string?> { ["PAAS_METRICS_INTERVAL"] = "1" });

    public Task InitializeAsync() => _paasd.InitializeAsync();

    public async Task DisposeAsync() => await _paasd.DisposeAsync();

    [Fact]
    public async Task PostgresAway_SkipsTicksWithOneWarning_ThenSamplingResumesAndWritesSamples()
    {
        using var client = _paasd.SocketClient();
        var app = Api.UniqueApp("sampled");
        await client.CreateAppAsync(app);

        await _paasd.DatabaseServer.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await _paasd.DatabaseServer.StartAgainAsync();
        await WaitForAsync(() => Task.FromResult(_paasd.Log.Contains("sampling resumed")), "the sampler to resume");

        Assert.Equal(1, Occurrences(_paasd.Log, "metrics: sampling skipped until the state database answers again"));
        Assert.DoesNotContain("a sampling tick failed", _paasd.Log);

        // An instance row the scheduler did not make: with no release it retires it, which leaves the
        // container running (and sampled) until its stop timeout, as the script ignores SIGTERM.
        await using var containers = await AppContainers.OnHostStackAsync(_paasd, "metrics-host");
        var container = await containers.StartAsync(app, "web", "trap '' TERM; while :; do sleep 1; done");
        await ExecuteAsync(
            """
            insert into containers (app_id, release_version, process_type, instance, container_id, state, started_at)
            select id, 1, 'web', 1, $2, 'running', now() from apps where name = $1
            """, app, container);
        await WaitForAsync(async () => await CountSamplesAsync(container) >= 2, "two samples of the container");
    }

    /// <summary>The server restarts under the test: a pooled connection would be a dead one.</summary>
    private string Unpooled => new NpgsqlConnectionStringBuilder(_paasd.DatabaseConnectionString) { Pooling = false }.ConnectionString;

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 30 s for {what}");
            await Task.Delay(200);
        }
    }

    private async Task<long> CountSamplesAsync(string containerId)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from container_samples where container_id = $1 and memory_bytes > 0", connection)
        {
            Parameters = { new() { Value = containerId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
