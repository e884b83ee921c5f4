using System.Net;
using System.Text.Json;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Limits;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>
/// The data plane does not depend on paasd: kill -9 paasd while containers run, start it again,
/// and the containers still run, their output written meanwhile is in the logs, and an exit that
/// happened while paasd was down is recorded. Own paasd, since this test kills it.
/// </summary>
public sealed class PaasdRestartTests(PaasdFixture paasd) : IClassFixture<PaasdFixture>, IAsyncLifetime
{
    private readonly List<string> _containers = [];
    private ContainerRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        using var client = paasd.SocketClient();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest("host", "host"))).ReadAsync<StackView>();
        var paths = new RuntimePaths(paasd.Root);
        _runtime = new ContainerRuntime(paths, new OciImageStore(paths), new ContainerRuntimeOptions(), TimeProvider.System, network: null);
    }

    [Fact]
    public async Task KillNinePaasd_ContainersKeepRunning_LogsKeepBeingCaptured_ExitsMeanwhileAreRecorded()
    {
        var app = Api.UniqueApp("crash");
        using (var client = paasd.SocketClient())
            await client.CreateAppAsync(app);
        var ticker = await StartAsync(app, "web", "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done");
        var quitter = await StartAsync(app, "worker", "sleep 1; echo leaving; exit 3");

        await paasd.KillAsync();
        var downSince = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await paasd.RestartAsync();

        Assert.Contains("1 running, 1 exited while paasd was away", paasd.Log);
        var tickerNow = await _runtime.FindAsync(ticker, CancellationToken.None);
        var quitterNow = await _runtime.FindAsync(quitter, CancellationToken.None);
        Assert.Equal(ContainerStatus.Running, tickerNow!.Status);
        Assert.Equal(ContainerStatus.Stopped, quitterNow!.Status);
        Assert.Equal(3, quitterNow.ExitCode);

        using var after = paasd.SocketClient();
        var response = await after.GetAsync(ApiRoutes.Logs(app, 200, null, follow: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<LogLine>(l, ApiJson.Lenient)!)
            .ToList();
        Assert.Contains(lines, l => l.Text == "leaving" && l.ProcessType == "worker");
        Assert.Contains(lines, l => l.ProcessType == "web" && l.Timestamp > downSince.AddSeconds(1));
    }

    private async Task<string> StartAsync(string app, string processType, string script)
    {
        var spec = new ContainerSpec("stack/host", ["/bin/sh", "-c", script], new Dictionary<string, string>(), null, "app",
            $"{app}.{processType}.1",
            new Dictionary<string, string> { [ContainerLabels.App] = app, [ContainerLabels.ProcessType] = processType },
            ResourceLimits.Defaults, [], NetworkMode.None, []);
        var created = await _runtime.CreateAsync(spec, CancellationToken.None);
        _containers.Add(created.Id);
        await _runtime.StartAsync(created.Id, CancellationToken.None);
        return created.Id;
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
