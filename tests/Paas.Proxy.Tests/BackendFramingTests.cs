using System.Diagnostics;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>
/// What the router does with each way a backend may frame (or break) its answer, on raw TCP on
/// both sides (<see cref="ScriptedBackend"/>): bodies until close, chunked, HEAD, 204/304,
/// keep-alives the backend closes, malformed answers (502, never passed on), and pipelined
/// requests over pooled connections. Run against each forwarder.
/// </summary>
public abstract class BackendFramingTests<TRouter>(TRouter router) : IClassFixture<TRouter>, IAsyncLifetime where TRouter : RouterProcess
{
    private const string Host = "framing.paas.test";
    private readonly int _port = FreePort.Next();
    private ScriptedBackend? _backend;

    private ScriptedBackend Backend => _backend!;

    public async Task InitializeAsync()
    {
        _backend = ScriptedBackend.Start();
        await router.PublishAsync([Routes.App(1, "framing", _port, _backend.Port, ["127.0.0.1"])]);
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync();
    }

    private async Task<string> SendAsync(string request)
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync(request);
        return await raw.ReadAllAsync();
    }

    private Task<string> GetAsync(string path, string method = "GET") =>
        SendAsync($"{method} {path} HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n");

    [Fact]
    public async Task ResponseWithoutLength_EndingWithTheConnection_IsPassedOnWhole()
    {
        var response = await GetAsync("/close-delimited");

        // Kestrel frames it for the client (chunked), so the client knows it got all of it.
        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("\r\nuntil the backend closes\r\n0\r\n\r\n", BodyOf(response));
    }

    [Fact]
    public async Task ChunkedResponse_IsPassedOnWhole()
    {
        var response = await GetAsync("/chunked");

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("hello", response);
        Assert.Contains(" world", response);
        Assert.DoesNotContain("ext=1", response);
    }

    [Fact]
    public async Task Head_GetsTheHeadersWithoutABody_AndTheConnectionStaysUsable()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"HEAD /head HTTP/1.1\r\nHost: {Host}\r\n\r\nGET /next HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n");

        var response = await raw.ReadAllAsync();

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("Content-Length: 11", response);
        var second = response.IndexOf("HTTP/1.1 200", 5, StringComparison.Ordinal);
        Assert.True(second > 0, response);
        Assert.EndsWith("/next", response);
    }

    [Theory]
    [InlineData("/204", 204)]
    [InlineData("/304", 304)]
    public async Task NoBodyStatus_IsAnsweredWithoutABody_AndTheNextRequestFollows(string path, int status)
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"GET {path} HTTP/1.1\r\nHost: {Host}\r\n\r\nGET /after HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n");

        var response = await raw.ReadAllAsync();

        Assert.Equal(status, RawHttp.StatusOf(response));
        Assert.DoesNotContain("Transfer-Encoding", response[..response.IndexOf("\r\n\r\n", StringComparison.Ordinal)]);
        Assert.EndsWith("/after", response);
    }

    [Fact]
    public async Task RepeatedResponseHeaders_AreAllPassedOn()
    {
        var response = await GetAsync("/cookies");

        Assert.Contains("Set-Cookie: a=1", response);
        Assert.Contains("Set-Cookie: b=2", response);
        Assert.Single(response.Split("\r\n"), l => l.StartsWith("Date:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Http10Backend_IsServed_AndNotKeptAlive()
    {
        Assert.Equal("http10", BodyOf(await GetAsync("/http10")));
        Assert.Equal("/ok", BodyOf(await GetAsync("/ok")));
    }

    [Fact]
    public async Task KeepAliveTheBackendClosed_IsRetriedForAnIdempotentRequest_AndNeverHangs()
    {
        Assert.Equal(200, RawHttp.StatusOf(await GetAsync("/keepalive-then-close")));
        await Task.Delay(300); // the backend closed its side by now; the router may still hold it as idle

        var clock = Stopwatch.StartNew();
        var get = await GetAsync("/after-close");

        Assert.Equal(200, RawHttp.StatusOf(get));
        Assert.Equal("/after-close", BodyOf(get));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");

        // A POST is not retried, but it must be answered (200 on a new connection, or 502), at once.
        Assert.Equal(200, RawHttp.StatusOf(await GetAsync("/keepalive-then-close")));
        await Task.Delay(300);
        clock.Restart();
        var post = await SendAsync($"POST /post HTTP/1.1\r\nHost: {Host}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody");
        Assert.Contains(RawHttp.StatusOf(post), new[] { 200, 502 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    /// <summary>
    /// False for YARP: SocketsHttpHandler repairs some malformed answers as RFC 9112 lets a
    /// recipient do (Transfer-Encoding over Content-Length, obs-fold unfolded, whitespace before
    /// the colon dropped) and passes them on re-framed; the lean forwarder refuses them all.
    /// </summary>
    protected virtual bool RefusesEveryMalformedAnswer => true;

    public static TheoryData<string> BadAnswers() => new(ScriptedBackend.Bad.Keys);

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task MalformedAnswer_Is502_NeverPassedOn(string bad)
    {
        var response = await GetAsync($"/bad/{bad}");

        if (RefusesEveryMalformedAnswer || RawHttp.StatusOf(response) != 200)
        {
            Assert.True(RawHttp.StatusOf(response) == 502, $"{bad}: {response}");
            Assert.Contains("Bad gateway", response);
        }
    }

    [Fact]
    public async Task ManyPipelinedRequests_OverPooledConnections_AreAnsweredInOrder()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        var requests = string.Concat(Enumerable.Range(1, 20).Select(i => $"GET /p{i} HTTP/1.1\r\nHost: {Host}\r\n\r\n"));
        await raw.SendAsync(requests + $"GET /last HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n");

        var response = await raw.ReadAllAsync();

        var at = 0;
        foreach (var path in Enumerable.Range(1, 20).Select(i => $"/p{i}").Append("/last"))
        {
            var found = response.IndexOf($"\r\n\r\n{path}", at, StringComparison.Ordinal);
            Assert.True(found >= at, $"{path} missing or out of order:\n{response}");
            at = found + 1;
        }
    }

    [Fact]
    public async Task BackendNotListening_Is502Page()
    {
        var port = FreePort.Next();
        var down = FreePort.Next();
        await router.PublishAsync([Routes.App(1, "framing", _port, Backend.Port, ["127.0.0.1"]), Routes.App(2, "down", port, down, ["127.0.0.1"])]);
        using var raw = await RawHttp.ConnectAsync(port);
        await raw.SendAsync($"GET / HTTP/1.1\r\nHost: down.paas.test\r\nConnection: close\r\n\r\n");

        var response = await raw.ReadAllAsync();

        Assert.Equal(502, RawHttp.StatusOf(response));
        Assert.Contains("request id", response);
    }

    private static string BodyOf(string response)
    {
        var start = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return start < 0 ? "" : response[(start + 4)..];
    }
}

public sealed class YarpBackendFramingTests(YarpRouterProcess router) : BackendFramingTests<YarpRouterProcess>(router)
{
    protected override bool RefusesEveryMalformedAnswer => false;
}

public sealed class LeanBackendFramingTests(LeanRouterProcess router) : BackendFramingTests<LeanRouterProcess>(router);

public sealed class ConnectionBackendFramingTests(ConnectionRouterProcess router) : BackendFramingTests<ConnectionRouterProcess>(router);
