using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Limits;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>
/// Container output → conmon → per-app log files → paasd's logs endpoint. The containers are started
/// with the runtime library under paasd's own PAAS_ROOT (the scheduler that will do this is a later issue).
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class LogsApiTests(PaasdFixture paasd) : IAsyncLifetime
{
    private readonly List<string> _containers = [];
    private ContainerRuntime _runtime = null!;
    private const string Stack = "logs-host";

    public async Task InitializeAsync()
    {
        using var client = paasd.SocketClient();
        var response = await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(Stack, "host"));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        var paths = new RuntimePaths(paasd.Root);
        _runtime = new ContainerRuntime(paths, new OciImageStore(paths), new ContainerRuntimeOptions(), TimeProvider.System, network: null);
    }

    [Fact]
    public async Task Logs_ShowTheLastLinesOfEveryContainerOfTheApp_WithStreamAndProcessType()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("logs");
        await client.CreateAppAsync(app);

        await RunToEndAsync(app, "web", "echo first-out; echo first-err >&2");
        await RunToEndAsync(app, "worker", "echo second-out");

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
        await RunToEndAsync(app, "web", "echo live-line");

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

    private async Task RunToEndAsync(string app, string processType, string script)
    {
        var spec = new ContainerSpec($"stack/{Stack}", ["/bin/sh", "-c", script], new Dictionary<string, string>(), null, "app",
            $"{app}.{processType}.1",
            new Dictionary<string, string> { [ContainerLabels.App] = app, [ContainerLabels.ProcessType] = processType },
            ResourceLimits.Defaults, [], NetworkMode.None, []);
        var created = await _runtime.CreateAsync(spec, CancellationToken.None);
        _containers.Add(created.Id);
        await _runtime.StartAsync(created.Id, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await _runtime.FindAsync(created.Id, CancellationToken.None))?.Status != ContainerStatus.Stopped)
        {
            Assert.True(DateTime.UtcNow < deadline, $"container {created.Id} did not stop");
            await Task.Delay(20);
        }
    }

    private static async Task<List<LogLine>> ReadLinesAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<LogLine>(l, ApiJson.Lenient)!)
            .ToList();
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _containers)
        {
            try { await _runtime.DeleteAsync(id, CancellationToken.None); }
            catch (ContainerNotFoundException) { }
        }
    }
}
