using System.Net;
using System.Text.Json;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>Container output → conmon → per-app log files → paasd's logs endpoint.</summary>
[Collection(PaasdCollection.Name)]
public sealed class LogsApiTests(PaasdFixture paasd) : IAsyncLifetime
{
    private const string Stack = "logs-host";
    private AppContainers _containers = null!;

    public async Task InitializeAsync() => _containers = await AppContainers.OnHostStackAsync(paasd, Stack);

    [Fact]
    public async Task Logs_ShowTheLastLinesOfEveryContainerOfTheApp_WithStreamAndProcessType()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("logs");
        await client.CreateAppAsync(app);

        await _containers.RunToEndAsync(app, "web", "echo first-out; echo first-err >&2");
        await _containers.RunToEndAsync(app, "worker", "echo second-out");

        var lines = await ReadLinesAsync(client, ApiRoutes.Logs(app, 10, null, follow: false));
        Assert.Contains(lines, l => l.Text == "first-out" && l.Stream == LogStream.Stdout && l.ProcessType == "web");
        Assert.Contains(lines, l => l.Text == "first-err" && l.Stream == LogStream.Stderr);
        Assert.Contains(lines, l => l.Text == "second-out" && l.ProcessType == "worker");

        var workerOnly = await ReadLinesAsync(client, ApiRoutes.Logs(app, 10, "worker", follow: false));
        Assert.All(workerOnly, l => Assert.Equal("worker", l.ProcessType));
        var lastOne = await ReadLinesAsync(client, ApiRoutes.Logs(app, 1, null, follow: false));
        Assert.Single(lastOne);
    }

    [Fact]
    public async Task Logs_Follow_StreamsLinesOfAContainerStartedLater()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("follow");
        await client.CreateAppAsync(app);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await client.GetAsync(ApiRoutes.Logs(app, 10, null, follow: true), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await _containers.RunToEndAsync(app, "web", "echo live-line");

        LogLine? seen = null;
        while (seen is null && await reader.ReadLineAsync(cts.Token) is { } json)
        {
            var line = JsonSerializer.Deserialize<LogLine>(json, ApiJson.Lenient)!;
            if (line.Text == "live-line") seen = line;
        }
        Assert.NotNull(seen);
        Assert.Equal(app, seen.App);
    }

    [Fact]
    public async Task Logs_OfAnUnknownApp_Are404_AndBadLineCountsAre400()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("bad");
        await client.CreateAppAsync(app);

        await (await client.GetAsync(ApiRoutes.Logs("no-such-app", 10, null, false))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(ApiRoutes.Logs(app, 0, null, false))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ApiRoutes.Logs(app, 10, "Bad Type", false))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    internal static async Task<List<LogLine>> ReadLinesAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<LogLine>(l, ApiJson.Lenient)!)
            .ToList();
    }

    public async Task DisposeAsync() => await _containers.DisposeAsync();
}
