using Paas.Core.Containers;
using Paas.Proxy.Tests.Support;
using Paas.Runtime.Logs;

namespace Paas.Proxy.Tests;

/// <summary>The per-app access log, read back the way `paas logs APP -p router` reads it (paasd's FileLogStore).</summary>
public sealed class AccessLogTests(RouterProcess router) : IClassFixture<RouterProcess>
{
    private const long AppId = 41;

    [Fact]
    public async Task EachRequest_IsOneK8sLineInTheAppsRouterLog_ReadByTheLogStoreAsProcessTypeRouter()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var port = FreePort.Next();
        await router.PublishAsync([Routes.App(AppId, "logged", port, backend.Port, ["127.0.0.1"])]);
        using var client = new RouterClient();

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = $"access-log-test-{i}-0123456789";
            ids.Add(id);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://logged.paas.test:{port}/page/{i}?x=\"quoted\"");
            request.Headers.Add("X-Request-Id", id);
            using var response = await client.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var store = new FileLogStore(new RuntimePaths(router.Root));
        var lines = await WaitForLinesAsync(store, 3);

        Assert.All(lines, l => Assert.Equal(("logged", "router", "router", LogStream.Stdout), (l.App, l.ProcessType, l.ContainerId, l.Stream)));
        for (var i = 0; i < 3; i++)
        {
            var text = lines[i].Text;
            Assert.Contains($"method=GET path=\"/page/{i}?x=%22quoted%22\" host=logged.paas.test:{port}", text);
            Assert.Contains($"request_id={ids[i]} client=127.0.0.1 backend=web.1 status=200", text);
            Assert.Matches(@" duration=[0-9.]+ms bytes=[1-9][0-9]* protocol=http$", text);
            Assert.True(DateTimeOffset.UtcNow - lines[i].Timestamp < TimeSpan.FromMinutes(1), $"timestamp {lines[i].Timestamp}");
        }
        Assert.Empty(await store.TailAsync(AppId, 10, "web", default));
    }

    [Fact]
    public async Task RotatedLog_IsFollowedByANewFile_AndTheTailReadsBoth()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var port = FreePort.Next();
        const long appId = AppId + 1;
        await router.PublishAsync([Routes.App(appId, "rotated", port, backend.Port, ["127.0.0.1"])]);
        using var client = new RouterClient();
        var store = new FileLogStore(new RuntimePaths(router.Root));
        (await client.Http.GetAsync($"http://rotated.paas.test:{port}/before")).EnsureSuccessStatusCode();
        await WaitForLinesAsync(store, 1, appId);

        // What paasd's LogRotator does to a log over its size.
        var active = Path.Combine(router.Root, "logs", "42", "router.log");
        File.Move(active, $"{active}.{DateTime.UtcNow.Ticks}");
        (await client.Http.GetAsync($"http://rotated.paas.test:{port}/after-1")).EnsureSuccessStatusCode();
        await Task.Delay(500); // the router notices at its next flush
        (await client.Http.GetAsync($"http://rotated.paas.test:{port}/after-2")).EnsureSuccessStatusCode();

        var lines = await WaitForLinesAsync(store, 3, appId);
        Assert.True(File.Exists(active), "no new router.log after rotation");
        Assert.Collection(lines,
            l => Assert.Contains("path=\"/before\"", l.Text),
            l => Assert.Contains("path=\"/after-1\"", l.Text),
            l => Assert.Contains("path=\"/after-2\"", l.Text));
    }

    private static async Task<IReadOnlyList<LogLine>> WaitForLinesAsync(FileLogStore store, int count, long appId = AppId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = await store.TailAsync(appId, 100, "router", default);
            if (lines.Count >= count || DateTime.UtcNow > deadline) return lines;
            await Task.Delay(50);
        }
    }
}
