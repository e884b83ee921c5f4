using System.Net;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

public sealed class ShutdownTests(RouterProcess router) : IClassFixture<RouterProcess>
{
    [Fact]
    public async Task Sigterm_StopsAccepting_FinishesRequestsInFlight_AndLogsThem()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var port = FreePort.Next();
        await router.PublishAsync([Routes.App(1, "leaving", port, backend.Port, ["127.0.0.1"])]);
        using var client = new RouterClient();

        var inFlight = client.Http.GetAsync($"http://leaving.paas.test:{port}/?delay=2000");
        while (backend.Requests.Count == 0) await Task.Delay(10);
        var exit = router.TerminateAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        using var refused = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port));
        using var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await exit);
        var log = await File.ReadAllTextAsync(Path.Combine(router.Root, "logs", "1", "router.log"));
        Assert.Contains("path=\"/?delay=2000\"", log);
    }
}
