using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>
/// HTTP/1.1 framing the router must hold against, on raw TCP: request smuggling attempts are
/// refused before anything reaches the app, and odd but lawful clients are served. Run against
/// each forwarder (<see cref="YarpConformanceTests"/>, <see cref="LeanConformanceTests"/>).
/// </summary>
public abstract class ConformanceTests<TRouter>(TRouter router) : IClassFixture<TRouter>, IAsyncLifetime where TRouter : RouterProcess
{
    private const string Host = "strict.paas.test";
    private readonly int _port = FreePort.Next();
    private TestBackend? _backend;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync("web");
        await router.PublishAsync([Routes.App(1, "strict", _port, _backend.Port, ["127.0.0.1"])]);
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync();
    }

    public static TheoryData<string, string> SmugglingAttempts() => new()
    {
        { "Content-Length and Transfer-Encoding", $"POST / HTTP/1.1\r\nHost: {Host}\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: {Host}\r\n\r\n" },
        { "two different Content-Lengths", $"POST / HTTP/1.1\r\nHost: {Host}\r\nContent-Length: 6\r\nContent-Length: 40\r\n\r\nabcdefGET /smuggled HTTP/1.1\r\nHost: {Host}\r\n\r\n" },
        { "obs-fold header", $"GET / HTTP/1.1\r\nHost: {Host}\r\nX-Folded: a\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: {Host}\r\n\r\n" },
        { "bad chunk size", $"POST / HTTP/1.1\r\nHost: {Host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nGET /smuggled HTTP/1.1\r\nHost: {Host}\r\n\r\n0\r\n\r\n" },
        { "chunked not last", $"POST / HTTP/1.1\r\nHost: {Host}\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: {Host}\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(SmugglingAttempts))]
    public async Task SmugglingAttempt_Gets400_AndNeverReachesTheAppAsTwoRequests(string attempt, string request)
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync(request);
        var response = await raw.ReadAllAsync();
        await Task.Delay(200);

        Assert.True(RawHttp.StatusOf(response) == 400, $"{attempt}: {response}");
        Assert.DoesNotContain("/smuggled", response);
        Assert.DoesNotContain(_backend!.Requests, r => r.Path.Contains("smuggled", StringComparison.Ordinal));
        Assert.True(_backend.Requests.Count(r => r.Method == "POST") <= 1, $"{attempt}: the app saw {_backend.Requests.Count} requests");
    }

    [Fact]
    public async Task Expect100Continue_GetsItsInterimAnswer_ThenTheBodyIsForwarded()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"POST /upload HTTP/1.1\r\nHost: {Host}\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");

        var interim = await raw.ReadUntilAsync("\r\n\r\n", TimeSpan.FromSeconds(5));
        Assert.StartsWith("HTTP/1.1 100 Continue", interim);
        await raw.SendAsync("hello");
        var response = await raw.ReadAllAsync();

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("\"bodyBytes\":5", response);
    }

    [Fact]
    public async Task ChunkedRequestBody_IsForwardedWhole()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"POST /chunked HTTP/1.1\r\nHost: {Host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        var response = await raw.ReadAllAsync();

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("\"bodyBytes\":11", response);
    }

    [Fact]
    public async Task OversizedHeaders_Get431()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"GET / HTTP/1.1\r\nHost: {Host}\r\nX-Big: {new string('a', 64 * 1024)}\r\n\r\n");

        var response = await raw.ReadAllAsync();

        Assert.Equal(431, RawHttp.StatusOf(response));
    }

    [Fact]
    public async Task HalfClosedClient_StillGetsItsAnswer()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"GET /half HTTP/1.1\r\nHost: {Host}\r\n\r\n");
        raw.ShutdownSend();

        var response = await raw.ReadAllAsync();

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("\"path\":\"/half\"", response);
    }

    [Fact]
    public async Task SlowClient_SendingByteByByte_IsServed()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        foreach (var c in $"POST /slow HTTP/1.1\r\nHost: {Host}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody")
        {
            await raw.SendAsync(c.ToString());
            await Task.Delay(15);
        }

        var response = await raw.ReadAllAsync();

        Assert.Equal(200, RawHttp.StatusOf(response));
        Assert.Contains("\"bodyBytes\":4", response);
    }

    [Fact]
    public async Task PipelinedRequests_AreAnsweredInOrder()
    {
        using var raw = await RawHttp.ConnectAsync(_port);
        await raw.SendAsync($"GET /first HTTP/1.1\r\nHost: {Host}\r\n\r\nGET /second HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n");

        var response = await raw.ReadAllAsync();

        var first = response.IndexOf("\"path\":\"/first\"", StringComparison.Ordinal);
        var second = response.IndexOf("\"path\":\"/second\"", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, response);
    }
}

public sealed class YarpConformanceTests(YarpRouterProcess router) : ConformanceTests<YarpRouterProcess>(router);

public sealed class LeanConformanceTests(LeanRouterProcess router) : ConformanceTests<LeanRouterProcess>(router);

public sealed class ConnectionConformanceTests(ConnectionRouterProcess router) : ConformanceTests<ConnectionRouterProcess>(router);
