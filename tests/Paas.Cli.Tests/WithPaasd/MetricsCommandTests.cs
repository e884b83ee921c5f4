using System.Text.Json;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>`paas metrics` against a real paasd, with samples written to its database as the sampler would.</summary>
[Collection(PaasdCollection.Name)]
public sealed class MetricsCommandTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task Metrics_PrintsATableOfCurrentAverageAndPeak_PerProcessType()
    {
        var app = await _cli.CreateAppAsync();
        var now = DateTimeOffset.UtcNow;
        // web: two ticks a minute apart (total 20% / 100 MiB, then 60% / 300 MiB); worker: one tick.
        await InsertSamplesAsync(app,
            ("web", 1, now.AddMinutes(-3), 20, 100, 0),
            ("web", 1, now.AddMinutes(-2), 60, 300, 3),
            ("worker", 1, now.AddMinutes(-2), 1.5, 10, 0));

        var result = await _cli.RunAsync("metrics", app);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"=====> {app} metrics, last 1h", lines[0]);
        Assert.Matches(@"^type\s+cpu now\s+cpu avg\s+cpu max\s+memory now\s+memory avg\s+memory max\s+limit\s+restarts$", lines[1].Trim());
        Assert.Matches(@"^web\s+60\.0%\s+40\.0%\s+60\.0%\s+300 MiB\s+200 MiB\s+300 MiB\s+512 MiB\s+3$", lines[2].Trim());
        Assert.Matches(@"^worker\s+1\.5%\s+1\.5%\s+1\.5%\s+10 MiB\s+10 MiB\s+10 MiB\s+512 MiB\s+0$", lines[3].Trim());
    }

    [Fact]
    public async Task Metrics_FormatJson_IsTheApisDocument_AndAnAppWithoutSamplesSaysSo()
    {
        var app = await _cli.CreateAppAsync();

        var text = await _cli.RunInProcessAsync("metrics", app, "--range", "24h");
        var json = await _cli.RunInProcessAsync("metrics", app, "--range", "24h", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("no samples yet", text.Stdout);
        var metrics = JsonSerializer.Deserialize<AppMetrics>(json.Stdout, ApiJson.Lenient)!;
        Assert.Equal((app, "24h", 300), (metrics.App, metrics.Range, metrics.StepSeconds));
    }

    [Fact]
    public async Task Metrics_WithABadRange_OrAnUnknownApp_FailsWithTheReason()
    {
        var badRange = await _cli.RunInProcessAsync("metrics", "some-app", "--range", "2h");
        var unknown = await _cli.RunInProcessAsync("metrics", "no-such-app");

        Assert.NotEqual(0, badRange.ExitCode);
        Assert.Contains("2h", badRange.Stderr);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no-such-app", unknown.Stderr);
    }

    private async Task InsertSamplesAsync(string app, params (string Type, int Instance, DateTimeOffset At, double Cpu, long MemoryMiB, int Restarts)[] samples)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        foreach (var s in samples)
        {
            await using var command = new NpgsqlCommand(
                """
                insert into container_samples (app_id, process_type, instance, container_id, sampled_at, cpu_ns, cpu_percent, memory_bytes, memory_limit_bytes, restarts)
                select id, $2, $3, 'aaaaaaaaaaaaaaaa', $4, 0, $5, $6 * 1048576, 512 * 1048576, $7 from apps where name = $1
                """, connection)
            {
                Parameters =
                {
                    new() { Value = app }, new() { Value = s.Type }, new() { Value = s.Instance }, new() { Value = s.At.UtcDateTime },
                    new() { Value = (float)s.Cpu }, new() { Value = s.MemoryMiB }, new() { Value = s.Restarts },
                },
            };
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
    }
}
