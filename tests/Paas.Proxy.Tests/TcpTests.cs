using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Paas.Core.Containers;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;
using Paas.Runtime.Logs;

namespace Paas.Proxy.Tests;

/// <summary>
/// tcp mappings: paas-router relays raw connections on a tcp listener port to the app's backends,
/// with real TCP echo servers on loopback standing in for the app's containers.
/// </summary>
public sealed class TcpTests(TcpRouterProcess router) : IClassFixture<TcpRouterProcess>, IAsyncLifetime
{
    private readonly List<TcpEchoBackend> _backends = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends) await backend.DisposeAsync();
    }

    [Fact]
    public async Task Bytes_CrossBothWays_AndTheClientsHalfCloseReachesTheApp()
    {
        var backend = Backend("echo");
        var port = FreePort.Next();
        await router.PublishAsync([TcpApp(1, "bulk", port, backend.Port, ["127.0.0.1"])]);
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);

        using var connection = await TcpConnection.OpenAsync(port);
        var reading = connection.ReadToEndAsync();
        await connection.SendAsync(data);
        connection.ShutdownSend();
        var received = await reading;

        // The greeting, every byte back in order, and the farewell the app sent after it saw the client's FIN.
        var expected = Encoding.ASCII.GetBytes("echo\n").Concat(data).Concat(Encoding.ASCII.GetBytes("bye echo\n")).ToArray();
        Assert.Equal(expected.Length, received.Length);
        Assert.True(expected.AsSpan().SequenceEqual(received), "the bytes that came back differ from those sent");
        Assert.Equal(data.Length, backend.Received.Take());
    }

    [Fact]
    public async Task TheAppsHalfClose_ReachesTheClient_WhichCanStillSend()
    {
        var backend = Backend("first", closesFirst: true);
        var port = FreePort.Next();
        await router.PublishAsync([TcpApp(2, "halfclose", port, backend.Port, ["127.0.0.1"])]);

        using var connection = await TcpConnection.OpenAsync(port);
        Assert.Equal("first", await connection.ReadLineAsync());
        Assert.Null(await connection.ReadLineAsync()); // the app's FIN came through
        await connection.SendAsync(new byte[100_000]);
        connection.ShutdownSend();

        Assert.True(backend.Received.TryTake(out var bytes, TimeSpan.FromSeconds(10)), "the app never saw the client's FIN");
        Assert.Equal(100_000, bytes);
        Assert.Empty(await connection.ReadToEndAsync());
    }

    [Fact]
    public async Task Connections_TakeTheBackendsInTurn_AndOneThatRefusesIsSkipped()
    {
        var a = Backend("a");
        var b = Backend("b", "127.0.0.2", a.Port);
        var port = FreePort.Next();
        // 127.0.0.3 has nothing on the port: it refuses every connection.
        await router.PublishAsync([TcpApp(3, "spread", port, a.Port, ["127.0.0.1", "127.0.0.3", "127.0.0.2"])]);

        var names = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            using var connection = await TcpConnection.OpenAsync(port);
            names.Add(await connection.ReadLineAsync());
        }

        // Turn by turn; the refusing backend's turns go to the one after it.
        Assert.Equal(["a", "b", "b", "a", "b", "b"], names);
    }

    [Fact]
    public async Task AnAppWithoutBackends_HasItsConnectionsClosedAtOnce_AndLogged()
    {
        var port = FreePort.Next();
        const long appId = 4;
        await router.PublishAsync([TcpApp(appId, "down", port, 5000, [])]);

        using var connection = await TcpConnection.OpenAsync(port);
        var took = await connection.WaitClosedAsync(TimeSpan.FromSeconds(5));

        Assert.True(took < TimeSpan.FromSeconds(1), $"closed after {took}");
        var line = Assert.Single(await WaitForLogLinesAsync(appId, 1));
        Assert.Matches($"^at=error protocol=tcp port={port} client=127.0.0.1 backend=- outcome=no-backend duration=[0-9.]+ms bytes_in=0 bytes_out=0$", line);
    }

    [Fact]
    public async Task ASwap_KeepsOpenConnections_SendsNewOnesToTheNewBackends_AndARemovedPortCloses()
    {
        var old = Backend("old");
        var @new = Backend("new", "127.0.0.2", old.Port);
        var port = FreePort.Next();
        var steadyBackend = Backend("steady");
        var steadyPort = FreePort.Next();
        var steady = TcpApp(6, "steady", steadyPort, steadyBackend.Port, ["127.0.0.1"]);
        await router.PublishAsync([steady, TcpApp(5, "swapped", port, old.Port, ["127.0.0.1"])]);
        using var open = await TcpConnection.OpenAsync(port);
        Assert.Equal("old", await open.ReadLineAsync());

        // A deploy: the old container leaves the routes.
        await router.PublishAsync([steady, TcpApp(5, "swapped", port, old.Port, ["127.0.0.2"])]);

        await open.SendAsync("still here\n");
        Assert.Equal("still here", await open.ReadLineAsync());
        using (var fresh = await TcpConnection.OpenAsync(port))
            Assert.Equal("new", await fresh.ReadLineAsync());

        // The mapping goes: the port closes, the other app's port serves on.
        await router.PublishAsync([steady]);
        await AssertRefusedSoonAsync(port);
        using var other = await TcpConnection.OpenAsync(steadyPort);
        Assert.Equal("steady", await other.ReadLineAsync());
    }

    [Fact]
    public async Task AQuietConnection_IsClosedAfterTheIdleTimeout_AndABusyOneIsNot()
    {
        var backend = Backend("idle");
        var port = FreePort.Next();
        const long appId = 7;
        await router.PublishAsync([TcpApp(appId, "idle", port, backend.Port, ["127.0.0.1"])]);
        using var quiet = await TcpConnection.OpenAsync(port);
        using var busy = await TcpConnection.OpenAsync(port);
        Assert.Equal("idle", await quiet.ReadLineAsync());
        Assert.Equal("idle", await busy.ReadLineAsync());

        var closing = quiet.WaitClosedAsync(TimeSpan.FromSeconds(10));
        // Busy: a message every half second, for twice the idle timeout.
        for (var i = 0; i < 8; i++)
        {
            await busy.SendAsync($"tick {i}\n");
            Assert.Equal($"tick {i}", await busy.ReadLineAsync());
            await Task.Delay(TcpRouterProcess.IdleTimeout / 4);
        }
        var took = await closing;

        Assert.InRange(took, TcpRouterProcess.IdleTimeout - TimeSpan.FromMilliseconds(500), TcpRouterProcess.IdleTimeout * 2);
        await busy.SendAsync("still busy\n");
        Assert.Equal("still busy", await busy.ReadLineAsync());
        var lines = await WaitForLogLinesAsync(appId, 1);
        Assert.Contains(lines, l => l.Contains("backend=web.1 outcome=idle-timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachConnection_IsOneLineInTheAppsRouterLog_WithTheBytesEachWay()
    {
        var backend = Backend("log");
        var port = FreePort.Next();
        const long appId = 8;
        await router.PublishAsync([TcpApp(appId, "logged", port, backend.Port, ["127.0.0.1"])]);

        using (var connection = await TcpConnection.OpenAsync(port))
        {
            var reading = connection.ReadToEndAsync();
            await connection.SendAsync(new byte[1000]);
            connection.ShutdownSend();
            await reading;
        }

        var line = Assert.Single(await WaitForLogLinesAsync(appId, 1));
        // In: the client's 1000 bytes. Out: "log\n", the 1000 bytes echoed, "bye log\n".
        Assert.Matches($"^at=info protocol=tcp port={port} client=127.0.0.1 backend=web.1 outcome=closed duration=[0-9.]+ms bytes_in=1000 bytes_out=1012$", line);
    }

    private TcpEchoBackend Backend(string name, string address = "127.0.0.1", int port = 0, bool closesFirst = false)
    {
        var backend = TcpEchoBackend.Start(name, address, port, closesFirst);
        _backends.Add(backend);
        return backend;
    }

    private static AppRoute TcpApp(long id, string name, int listenPort, int containerPort, IEnumerable<string> backends) =>
        Routes.App(id, name, listenPort, containerPort, backends, scheme: "tcp");

    /// <summary>The texts of the app's access log lines once at least <paramref name="count"/> are there (or after 10 s).</summary>
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

    private static async Task AssertRefusedSoonAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"port {port} still accepts connections after it was removed");
            await Task.Delay(50);
        }
    }
}
