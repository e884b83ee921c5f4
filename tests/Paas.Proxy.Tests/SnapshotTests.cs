using System.Net;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>How paas-router follows routes.json: swaps, damage, the applied revision, ports coming and going.</summary>
public sealed class SnapshotTests(RouterProcess router) : IClassFixture<RouterProcess>, IAsyncLifetime
{
    private readonly RouterClient _client = new();
    private readonly List<TestBackend> _backends = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    [Fact]
    public async Task Swap_MovesTrafficToTheNewBackends_WithoutAFailedRequest()
    {
        var port = FreePort.Next();
        var old = await BackendAsync("old", "127.0.0.1");
        var @new = await BackendAsync("new", "127.0.0.2", old.Port);
        await router.PublishAsync([Routes.App(1, "swap", port, old.Port, ["127.0.0.1"])]);
        await using var loop = new RequestLoop(_client, $"http://swap.paas.test:{port}/");
        await loop.WaitForMoreAsync(200);

        // A deploy: both serve for a moment, then only the new one.
        await router.PublishAsync([Routes.App(1, "swap", port, old.Port, ["127.0.0.1", "127.0.0.2"])]);
        await loop.WaitForMoreAsync(200);
        await router.PublishAsync([Routes.App(1, "swap", port, old.Port, ["127.0.0.2"])]);
        // Requests sent to the old backend just before the swap may still be finishing.
        await loop.WaitForMoreAsync(20);
        var oldCount = loop.CountFor("old");
        await loop.WaitForMoreAsync(200);
        await loop.StopAsync();

        Assert.Empty(loop.Failures);
        Assert.Equal(oldCount, loop.CountFor("old"));
        Assert.True(loop.CountFor("new") >= 200, $"new answered {loop.CountFor("new")} of {loop.Total}");
    }

    [Fact]
    public async Task DamagedSnapshot_KeepsThePreviousRoutes_AndIsReportedOnce()
    {
        var port = FreePort.Next();
        var backend = await BackendAsync("web");
        var revision = await router.PublishAsync([Routes.App(2, "steady", port, backend.Port, ["127.0.0.1"])]);

        await WriteAtomicallyAsync(router.SnapshotPath, "{ \"revision\": 99, \"listeners\": [ {");
        await router.WaitForLogAsync("cannot be used");
        // Other events in the directory do not report the same damaged file again.
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(router.SnapshotPath)!, "unrelated"), "x");
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://steady.paas.test:{port}/")).StatusCode);
        Assert.Equal(revision, RoutingSnapshotFile.ReadApplied(router.AppliedPath));
        Assert.Equal(1, Occurrences(router.Log, "cannot be used"));

        // JSON that parses but makes no sense is refused as well.
        await WriteAtomicallyAsync(router.SnapshotPath, "{ \"revision\": 100, \"generatedAt\": \"2026-01-01T00:00:00Z\", \"apps\": [] }");
        await router.WaitForLogAsync("'listeners' is missing");
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://steady.paas.test:{port}/")).StatusCode);

        // The next good snapshot is taken as usual.
        await router.PublishAsync([Routes.App(2, "steady", port, backend.Port, [])]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _client.Http.GetAsync($"http://steady.paas.test:{port}/")).StatusCode);
    }

    [Fact]
    public async Task OneAppsBadEntry_IsLeftOut_WithoutHoldingBackTheOthers()
    {
        var port = FreePort.Next();
        var backend = await BackendAsync("web");

        await router.PublishAsync([
            Routes.App(7, "fine", port, backend.Port, ["127.0.0.1"]),
            Routes.App(8, "broken", port, backend.Port, ["not-an-address"]),
        ]);

        await router.WaitForLogAsync("backend 'web.1' whose address 'not-an-address' is not an IP address");
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://fine.paas.test:{port}/")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _client.Http.GetAsync($"http://broken.paas.test:{port}/")).StatusCode);
    }

    [Fact]
    public async Task AppliedFile_NamesTheRevisionServing_OnlyOnceItServes()
    {
        var port = FreePort.Next();
        var backend = await BackendAsync("web");

        var revision = await router.PublishAsync([Routes.App(3, "applied", port, backend.Port, ["127.0.0.1"])]);

        Assert.Equal(revision, RoutingSnapshotFile.ReadApplied(router.AppliedPath));
        // Applied means serving: the new port answers the moment the file says so.
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://applied.paas.test:{port}/")).StatusCode);
    }

    [Fact]
    public async Task ListenerPort_AddedLater_Serves_AndRemovedStops_WhileAnotherKeepsServing()
    {
        var steadyPort = FreePort.Next();
        var extraPort = FreePort.Next();
        var backend = await BackendAsync("web");
        var steady = Routes.App(4, "steady", steadyPort, backend.Port, ["127.0.0.1"]);
        await router.PublishAsync([steady]);
        await using var loop = new RequestLoop(_client, $"http://steady.paas.test:{steadyPort}/");
        await loop.WaitForMoreAsync(100);

        await router.PublishAsync([steady, Routes.App(5, "extra", extraPort, backend.Port, ["127.0.0.1"])]);
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://extra.paas.test:{extraPort}/")).StatusCode);
        await loop.WaitForMoreAsync(100);

        await router.PublishAsync([steady]);
        await AssertRefusedSoonAsync(extraPort);
        await loop.WaitForMoreAsync(100);
        await loop.StopAsync();

        Assert.Empty(loop.Failures);
    }

    [Fact]
    public async Task Router_KeepsServingAndWatching_AfterItsDirectoryWasQuietForAWhile()
    {
        var port = FreePort.Next();
        var backend = await BackendAsync("web");
        await router.PublishAsync([Routes.App(6, "quiet", port, backend.Port, ["127.0.0.1"])]);

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://quiet.paas.test:{port}/")).StatusCode);
        await router.PublishAsync([Routes.App(6, "quiet", port, backend.Port, [])]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _client.Http.GetAsync($"http://quiet.paas.test:{port}/")).StatusCode);
    }

    private async Task<TestBackend> BackendAsync(string name, string address = "127.0.0.1", int port = 0)
    {
        var backend = await TestBackend.StartAsync(name, address, port);
        _backends.Add(backend);
        return backend;
    }

    private static async Task AssertRefusedSoonAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"port {port} still accepts connections after it was removed");
            await Task.Delay(50);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path + ".test.tmp", text);
        File.Move(path + ".test.tmp", path, overwrite: true);
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
