using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>
/// The data plane does not depend on paasd: kill -9 paasd while containers run, start it again,
/// and the containers still run, their output written meanwhile is in the logs, and an exit that
/// happened while paasd was down is recorded. Own paasd, since this test kills it.
/// </summary>
public sealed class PaasdRestartTests(PaasdFixture paasd) : IClassFixture<PaasdFixture>, IAsyncLifetime
{
    private AppContainers _containers = null!;

    public async Task InitializeAsync()
    {
        using var client = paasd.SocketClient();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest("host", "host"))).ReadAsync<StackView>();
        _containers = new AppContainers(paasd, "stack/host");
    }

    [Fact]
    public async Task KillNinePaasd_ContainersKeepRunning_LogsKeepBeingCaptured_ExitsMeanwhileAreRecorded()
    {
        var app = Api.UniqueApp("crash");
        using (var client = paasd.SocketClient())
            await client.CreateAppAsync(app);
        var ticker = await _containers.StartAsync(app, "web", "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done");
        var quitter = await _containers.StartAsync(app, "worker", "sleep 1; echo leaving; exit 3");

        await paasd.KillAsync();
        var downSince = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await paasd.RestartAsync();

        Assert.Contains("1 running, 1 exited while paasd was away", paasd.Log);
        var tickerNow = await _containers.Runtime.FindAsync(ticker, CancellationToken.None);
        var quitterNow = await _containers.Runtime.FindAsync(quitter, CancellationToken.None);
        Assert.Equal(ContainerStatus.Running, tickerNow!.Status);
        Assert.Equal(ContainerStatus.Stopped, quitterNow!.Status);
        Assert.Equal(3, quitterNow.ExitCode);

        using var after = paasd.SocketClient();
        // The ticker writes 10 lines a second for as long as the restart takes (tens of seconds on a
        // busy machine): read the most the API serves (10,000 lines), not a window that the ticker can push "leaving" out of.
        var lines = await LogsApiTests.ReadLinesAsync(after, ApiRoutes.Logs(app, 10_000, null, follow: false));
        Assert.Contains(lines, l => l.Text == "leaving" && l.ProcessType == "worker");
        Assert.Contains(lines, l => l.ProcessType == "web" && l.Timestamp > downSince.AddSeconds(1));
    }

    public async Task DisposeAsync() => await _containers.DisposeAsync();
}
