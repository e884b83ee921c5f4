using System.Net;
using System.Net.Sockets;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>The router on its own: restarted with paasd absent, and ports it cannot have yet.</summary>
public sealed class LifecycleTests(RouterProcess router) : IClassFixture<RouterProcess>
{
    [Fact]
    public async Task RestartedRouter_ServesTheSnapshotOnDisk_WithoutPaasdWritingAgain()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var port = FreePort.Next();
        var revision = await router.PublishAsync([Routes.App(1, "survivor", port, backend.Port, ["127.0.0.1"])]);
        File.Delete(router.AppliedPath);

        await router.RestartAsync();

        await router.WaitForAppliedAsync(revision);
        using var client = new RouterClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"http://survivor.paas.test:{port}/")).StatusCode);
    }

    [Fact]
    public async Task PortTakenByAnotherProcess_IsReported_AndBoundOnceFree_WhileTheOthersServe()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var free = FreePort.Next();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var client = new RouterClient();
        try
        {
            await router.PublishAsync([
                Routes.App(2, "first", free, backend.Port, ["127.0.0.1"]),
                Routes.App(3, "second", takenPort, backend.Port, ["127.0.0.1"]),
            ]);

            await router.WaitForLogAsync($"cannot listen on http://127.0.0.1:{takenPort}");
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"http://first.paas.test:{free}/")).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(6)); // at least one retry fails meanwhile
        }
        finally
        {
            taken.Stop();
        }

        // Tried again every few seconds until it binds.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var response = await client.Http.GetAsync($"http://second.paas.test:{takenPort}/");
                if (response.StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"port {takenPort} never served:\n{router.Log}");
            await Task.Delay(200);
        }
        await router.WaitForLogAsync($"now listening on http://127.0.0.1:{takenPort}");
        // Reported once, not at every retry.
        Assert.Single(router.Log.Split('\n'), l => l.Contains($"cannot listen on http://127.0.0.1:{takenPort}", StringComparison.Ordinal));
    }
}
