using System.Net;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>GET /api/v1/apps/APP/metrics and GET /metrics on a real paasd; samples are written to its database as the sampler would.</summary>
[Collection(PaasdCollection.Name)]
public sealed class MetricsApiTests(PaasdFixture paasd)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Metrics_GivesOneSeriesPerProcessType_FromRawSamplesFor1h_AndRollupsFor24h()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("metrics");
        await client.CreateAppAsync(app);
        var appId = await AppIdAsync(app);
        var now = DateTimeOffset.UtcNow;
        await ExecuteAsync(
            """
            insert into container_samples (app_id, process_type, instance, container_id, sampled_at, cpu_ns, cpu_percent, memory_bytes, memory_limit_bytes, restarts)
            values ($1, 'web', 1, 'aaaaaaaaaaaaaaaa', $2, 1000, 50, 100 * 1048576, 512 * 1048576, 0),
                   ($1, 'web', 2, 'bbbbbbbbbbbbbbbb', $2, 1000, 30, 60 * 1048576, 512 * 1048576, 2),
                   ($1, 'worker', 1, 'cccccccccccccccc', $2, 1000, 5, 20 * 1048576, 512 * 1048576, 0)
            """, appId, now.AddMinutes(-2));
        await ExecuteAsync(
            """
            insert into container_metrics_minutely (app_id, process_type, minute, instances, cpu_percent, cpu_percent_max, memory_bytes, memory_bytes_max, memory_limit_bytes, restarts)
            values ($1, 'web', $2, 2, 70, 90, 150 * 1048576, 170 * 1048576, 1024 * 1048576, 1)
            """, appId, now.AddHours(-5));

        var hour = await (await client.GetAsync(ApiRoutes.Metrics(app, "1h"))).ReadAsync<AppMetrics>();
        Assert.Equal((app, "1h", 30), (hour.App, hour.Range, hour.StepSeconds));
        Assert.Equal(["web", "worker"], hour.Processes.Select(p => p.ProcessType));
        var web = Assert.Single(hour.Processes[0].Points);
        Assert.Equal((80, 160 * MiB, 2), (web.CpuPercent, web.MemoryBytes, web.Restarts));
        Assert.Equal(1024 * MiB, hour.Processes[0].MemoryLimitBytes);

        var day = await (await client.GetAsync(ApiRoutes.Metrics(app, "24h"))).ReadAsync<AppMetrics>();
        Assert.Equal(300, day.StepSeconds);
        var webDay = day.Processes.Single(p => p.ProcessType == "web").Points;
        Assert.Equal(2, webDay.Count);
        Assert.Equal((70, 90, 150 * MiB), (webDay[0].CpuPercent, webDay[0].CpuPercentMax, webDay[0].MemoryBytes));
        Assert.True(webDay[0].Time < webDay[1].Time);
    }

    [Fact]
    public async Task Metrics_OfAnAppWithoutSamples_HasNoSeries()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("quiet");
        await client.CreateAppAsync(app);

        var metrics = await (await client.GetAsync(ApiRoutes.Metrics(app, "24h"))).ReadAsync<AppMetrics>();

        Assert.Empty(metrics.Processes);
    }

    [Theory]
    [InlineData("2h")]
    [InlineData("")]
    [InlineData("1H")]
    public async Task Metrics_WithAnUnknownRange_Is400NamingTheField(string range)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("range");
        await client.CreateAppAsync(app);

        var problem = await (await client.GetAsync(ApiRoutes.Metrics(app, range))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("1h or 24h", problem.GetProperty("errors").GetProperty("range")[0].GetString());
    }

    [Fact]
    public async Task Metrics_OfAnUnknownApp_Is404()
    {
        using var client = paasd.SocketClient();
        await (await client.GetAsync(ApiRoutes.Metrics("no-such-app", "1h"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_IsRefused_OnBothEndpoints()
    {
        using var client = paasd.TcpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiRoutes.Metrics("anything", "1h"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiRoutes.PrometheusMetrics)).StatusCode);
    }

    [Fact]
    public async Task Prometheus_ForTheAdmin_IsValidTextFormat_WithEveryFamilyAndTheApp()
    {
        using var client = paasd.TcpClient(await paasd.CreateTokenAsync());
        var app = Api.UniqueApp("prom");
        await client.CreateAppAsync(app);

        using var response = await client.GetAsync(ApiRoutes.PrometheusMetrics);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var (families, samples) = PrometheusExposition.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            [
                ("paas_container_cpu_seconds_total", "counter"), ("paas_container_memory_bytes", "gauge"), ("paas_container_memory_limit_bytes", "gauge"),
                ("paas_container_restarts_total", "counter"), ("paas_container_up", "gauge"), ("paas_app_serving_release", "gauge"), ("paas_app_stopped", "gauge"),
            ],
            families.Select(f => (f.Name, f.Type)));
        var serving = Assert.Single(samples, s => s.Name == "paas_app_serving_release" && s.Labels["app"] == app);
        Assert.Equal(0, serving.Value);
    }

    [Fact]
    public async Task ADeveloper_IsRefusedPrometheus_AndSeesOnlyGrantedAppsMetrics()
    {
        using var admin = paasd.SocketClient();
        var app = Api.UniqueApp("granted");
        await admin.CreateAppAsync(app);
        var user = "dev-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(user))).StatusCode);
        var token = (await (await admin.PostJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest("metrics-test", user))).ReadAsync<CreatedToken>()).Token;
        using var developer = paasd.TcpClient(token);

        await (await developer.GetAsync(ApiRoutes.PrometheusMetrics)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await developer.GetAsync(ApiRoutes.Metrics(app, "1h"))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.True((await admin.PutAsync(ApiRoutes.Grant(app, user), null)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync(ApiRoutes.Metrics(app, "1h"))).StatusCode);
    }

    private async Task<long> AppIdAsync(string app)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from apps where name = $1", connection) { Parameters = { new() { Value = app } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset at ? at.UtcDateTime : value });
        await command.ExecuteNonQueryAsync();
    }
}
