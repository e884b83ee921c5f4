using System.Text.RegularExpressions;
using Paas.Core.Containers;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;
using Paas.Runtime.Logs;

namespace Paas.Proxy.Tests;

/// <summary>
/// udp mappings: paas-router relays datagrams on a udp listener port to the app's backends, one
/// session (socket) per client address, with real UDP echo servers on loopback standing in for the
/// app's containers. Each echo names the source port it saw, which tells the router's sessions apart.
/// </summary>
public sealed partial class UdpTests(UdpRouterProcess router) : IClassFixture<UdpRouterProcess>, IAsyncLifetime
{
    private readonly List<UdpEchoBackend> _backends = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    [Fact]
    public async Task TwoClients_EachGetTheirOwnReplies_ThroughSessionsOfTheirOwn()
    {
        var backend = Backend("echo");
        var port = UdpEchoBackend.FreePort();
        await router.PublishAsync([UdpApp(1, "pair", port, backend.Port, ["127.0.0.1"])]);
        using var a = new UdpTestClient(port);
        using var b = new UdpTestClient(port);

        var answers = new List<(string?, string?)>();
        for (var i = 0; i < 3; i++) answers.Add((await a.AskAsync($"a{i}"), await b.AskAsync($"b{i}")));

        var sourceA = SourceOf(answers[0].Item1);
        var sourceB = SourceOf(answers[0].Item2);
        Assert.NotEqual(sourceA, sourceB);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"echo from={sourceA} a{i}", answers[i].Item1);
            Assert.Equal($"echo from={sourceB} b{i}", answers[i].Item2);
        }
    }

    [Fact]
    public async Task AQuietSession_EndsAfterTheIdleTimeout_AndTheNextDatagramOpensANewOne()
    {
        var backend = Backend("idle");
        var port = UdpEchoBackend.FreePort();
        const long appId = 2;
        await router.PublishAsync([UdpApp(appId, "idle", port, backend.Port, ["127.0.0.1"])]);
        using var client = new UdpTestClient(port);

        var first = SourceOf(await client.AskAsync("one"));
        Assert.Equal(first, SourceOf(await client.AskAsync("two")));
        await Task.Delay(UdpRouterProcess.IdleTimeout * 2);
        var later = SourceOf(await client.AskAsync("three"));

        Assert.NotEqual(first, later);
        var line = Assert.Single(await WaitForLogLinesAsync(appId, 1));
        Assert.Matches($"^at=info protocol=udp port={port} client=127.0.0.1 backend=web.1 outcome=idle-timeout duration=[0-9.]+ms bytes_in=6 bytes_out=[0-9]+$", line);
    }

    [Fact]
    public async Task AtTheSessionCap_ANewClientEvictsTheQuietestSession()
    {
        var backend = Backend("cap");
        var port = UdpEchoBackend.FreePort();
        const long appId = 3;
        await router.PublishAsync([UdpApp(appId, "capped", port, backend.Port, ["127.0.0.1"])]);
        using var a = new UdpTestClient(port);
        using var b = new UdpTestClient(port);
        using var c = new UdpTestClient(port);

        var firstOfA = SourceOf(await a.AskAsync("a"));
        var firstOfB = SourceOf(await b.AskAsync("b"));
        Assert.NotNull(await c.AskAsync("c")); // a third session: a, the quietest, makes room
        var bAgain = SourceOf(await b.AskAsync("b"));
        var aAgain = SourceOf(await a.AskAsync("a")); // a new session for a, which evicts c (b just spoke)

        Assert.Equal(firstOfB, bAgain);
        Assert.NotEqual(firstOfA, aAgain);
        var lines = await WaitForLogLinesAsync(appId, 2);
        Assert.Equal(2, lines.Count(l => l.Contains("protocol=udp", StringComparison.Ordinal) && l.Contains("outcome=evicted", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AfterASwap_AnOpenSessionAndNewOnesReachTheNewContainer()
    {
        var old = Backend("old");
        var replacement = Backend("new", "127.0.0.2", old.Port);
        var port = UdpEchoBackend.FreePort();
        await router.PublishAsync([UdpApp(4, "swapped", port, old.Port, ["127.0.0.1"])]);
        using var open = new UdpTestClient(port);
        Assert.StartsWith("old ", await open.AskAsync("before"));

        await router.PublishAsync([UdpApp(4, "swapped", port, old.Port, ["127.0.0.2"])]);
        using var fresh = new UdpTestClient(port);

        Assert.StartsWith("new ", await open.AskAsync("after"));
        Assert.StartsWith("new ", await fresh.AskAsync("first"));
    }

    [Fact]
    public async Task WithNoContainer_DatagramsAreDropped_AndTheRouterServesOn()
    {
        var backend = Backend("late");
        var port = UdpEchoBackend.FreePort();
        await router.PublishAsync([UdpApp(5, "stopped", port, backend.Port, [])]);
        using var client = new UdpTestClient(port);

        Assert.Null(await client.AskAsync("nobody", TimeSpan.FromMilliseconds(500)));

        await router.PublishAsync([UdpApp(5, "stopped", port, backend.Port, ["127.0.0.1"])]);
        Assert.StartsWith("late ", await client.AskAsync("someone"));
    }

    private static int SourceOf(string? answer)
    {
        Assert.NotNull(answer);
        var match = SourcePattern().Match(answer);
        Assert.True(match.Success, $"'{answer}' names no source port");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@" from=(\d+) ")]
    private static partial Regex SourcePattern();

    private UdpEchoBackend Backend(string name, string address = "127.0.0.1", int port = 0)
    {
        var backend = UdpEchoBackend.Start(name, address, port);
        _backends.Add(backend);
        return backend;
    }

    private static AppRoute UdpApp(long id, string name, int listenPort, int containerPort, IEnumerable<string> backends) =>
        Routes.App(id, name, listenPort, containerPort, backends, scheme: "udp");

    private async Task<IReadOnlyList<string>> WaitForLogLinesAsync(long appId, int count)
    {
        var store = new FileLogStore(new RuntimePaths(router.Root));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = await store.TailAsync(appId, 100, "router", default);
            if (lines.Count >= count || DateTime.UtcNow > deadline) return lines.Select(l => l.Text).ToList();
            await Task.Delay(50);
        }
    }
}
