using System.Diagnostics;
using System.Net;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>Requests through the real paas-router to backends on loopback, routed by Host.</summary>
public sealed class RoutingTests(RouterProcess router) : IClassFixture<RouterProcess>, IAsyncLifetime
{
    private readonly RouterClient _client = new();
    private readonly List<TestBackend> _backends = [];
    private readonly int _port = FreePort.Next();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    [Fact]
    public async Task Request_GoesToTheAppOfItsHost_IncludingTheAppsDomains()
    {
        var one = await BackendAsync("one");
        var two = await BackendAsync("two");
        await router.PublishAsync([
            Routes.App(1, "one", _port, one.Port, ["127.0.0.1"], domains: ["www.one.example"]),
            Routes.App(2, "two", _port, two.Port, ["127.0.0.1"]),
        ]);

        Assert.Equal("one", (await GetAsync($"http://one.paas.test:{_port}/a")).Backend);
        Assert.Equal("one", (await GetAsync($"http://WWW.One.Example:{_port}/b")).Backend);
        Assert.Equal("two", (await GetAsync($"http://two.paas.test:{_port}/c")).Backend);
    }

    [Fact]
    public async Task Backend_SeesTheOriginalHost_AndForwardedHeadersTheClientCannotSpoof()
    {
        var backend = await BackendAsync("web");
        await router.PublishAsync([Routes.App(3, "headers", _port, backend.Port, ["127.0.0.1"])]);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://headers.paas.test:{_port}/path?q=1");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var seen = await SendAsync(request);

        Assert.Equal($"headers.paas.test:{_port}", seen.Host);
        Assert.Equal("127.0.0.1", seen.ForwardedFor);
        Assert.Equal("http", seen.ForwardedProto);
        Assert.Equal($"headers.paas.test:{_port}", seen.ForwardedHost);
        Assert.Equal("/path?q=1", seen.Path);
    }

    [Fact]
    public async Task RequestId_IsKeptWhenSane_AndMadeUpOtherwise()
    {
        var backend = await BackendAsync("web");
        await router.PublishAsync([Routes.App(4, "ids", _port, backend.Port, ["127.0.0.1"])]);
        var url = $"http://ids.paas.test:{_port}/";

        var own = "client-chosen-id-0123456789";
        using var sane = new HttpRequestMessage(HttpMethod.Get, url);
        sane.Headers.Add("X-Request-Id", own);
        Assert.Equal(own, (await SendAsync(sane)).RequestId);

        using var tooShort = new HttpRequestMessage(HttpMethod.Get, url);
        tooShort.Headers.Add("X-Request-Id", "1");
        var replaced = (await SendAsync(tooShort)).RequestId;
        Assert.True(Guid.TryParse(replaced, out _), replaced);

        using var hostile = new HttpRequestMessage(HttpMethod.Get, url);
        hostile.Headers.TryAddWithoutValidation("X-Request-Id", "<script>alert(1)</script>-padding-padding");
        Assert.True(Guid.TryParse((await SendAsync(hostile)).RequestId, out _));

        var none = (await GetAsync(url)).RequestId;
        Assert.True(Guid.TryParse(none, out _), none);
        Assert.NotEqual(replaced, none);
    }

    [Fact]
    public async Task Requests_AreSpreadOverEveryBackendOfTheApp()
    {
        // Two instances of one app: same container port on two loopback addresses.
        var first = await BackendAsync("web.1", "127.0.0.1");
        var second = await BackendAsync("web.2", "127.0.0.2", first.Port);
        await router.PublishAsync([Routes.App(5, "spread", _port, first.Port, ["127.0.0.1", "127.0.0.2"])]);

        var answers = new List<string>();
        for (var i = 0; i < 10; i++) answers.Add((await GetAsync($"http://spread.paas.test:{_port}/")).Backend);

        Assert.Equal(5, answers.Count(a => a == "web.1"));
        Assert.Equal(5, answers.Count(a => a == "web.2"));
        Assert.Equal(5, second.Requests.Count);
    }

    [Fact]
    public async Task UnknownHost_Gets404Page()
    {
        var backend = await BackendAsync("web");
        await router.PublishAsync([Routes.App(6, "known", _port, backend.Port, ["127.0.0.1"])]);

        using var response = await _client.Http.GetAsync($"http://unknown.paas.test:{_port}/script.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No such app", await response.Content.ReadAsStringAsync());
        Assert.Empty(backend.Requests);
    }

    [Fact]
    public async Task AppWithoutBackends_Gets503PageAtOnce()
    {
        await router.PublishAsync([Routes.App(7, "down", _port, 5000, [])]);

        var clock = Stopwatch.StartNew();
        using var response = await _client.Http.GetAsync($"http://down.paas.test:{_port}/");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"503 took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("App unavailable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeadBackend_Gets502Page()
    {
        var deadPort = FreePort.Next();
        await router.PublishAsync([Routes.App(8, "dead", _port, deadPort, ["127.0.0.1"])]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://dead.paas.test:{_port}/");
        request.Headers.Add("X-Request-Id", "trace-me-0123456789abcdef");
        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bad gateway", page);
        Assert.Contains("trace-me-0123456789abcdef", page);
    }

    [Fact]
    public async Task App_IsServedOnlyOnTheListenerItIsMappedOn()
    {
        var backend = await BackendAsync("web");
        var other = FreePort.Next();
        await router.PublishAsync([
            Routes.App(9, "here", _port, backend.Port, ["127.0.0.1"]),
            Routes.App(10, "there", other, backend.Port, ["127.0.0.1"]),
        ]);

        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://here.paas.test:{_port}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.GetAsync($"http://here.paas.test:{other}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.Http.GetAsync($"http://there.paas.test:{other}/")).StatusCode);
    }

    private async Task<TestBackend> BackendAsync(string name, string address = "127.0.0.1", int port = 0)
    {
        var backend = await TestBackend.StartAsync(name, address, port);
        _backends.Add(backend);
        return backend;
    }

    private async Task<Seen> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request);
    }

    private async Task<Seen> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri}: {(int)response.StatusCode} {body}\n{router.Log}");
        return TestBackend.Parse(body);
    }
}
