using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// `ports:add APP tcp:HOST:CONTAINER`: paas-router relays raw connections on the host port to the
/// app's web containers, follows a redeploy to the new ones, logs each connection, and closes the
/// port when the mapping goes; the router's own http port is refused. Real paasd, router and containers; traffic only to loopback.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class TcpMappingTests(PushHost host)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ATcpMapping_ReachesTheWebContainer_FollowsARedeploy_AndClosesWhenRemoved()
    {
        var app = await host.CreateAppAsync("tcpmap");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        var port = FreeLoopbackPort();
        var mapping = $"tcp:{port.ToString(CultureInfo.InvariantCulture)}:5000";

        var onTheRoutersPort = await host.Paasd.PaasAsync(["ports:add", app, $"tcp:{host.Paasd.HttpPort.ToString(CultureInfo.InvariantCulture)}:5000"]);
        var add = await host.Paasd.PaasAsync(["ports:add", app, mapping]);

        // The router's http port is the proxy's: http(s) mappings only.
        Assert.NotEqual(0, onTheRoutersPort.ExitCode);
        Assert.Contains("only http or https mappings may use it", onTheRoutersPort.StandardError);

        Assert.True(add.ExitCode == 0, add.StandardError);
        // Plain bytes, not HTTP to the router: the HTTP request below is the app's own protocol here.
        string answer = "";
        await DeployHost.EventuallyAsync(async () => (answer = await ExchangeAsync(port)).Contains("version=1", StringComparison.Ordinal), Soon,
            () => Task.FromResult($"last answer: '{answer}'\n{host.Paasd.Log}"));
        Assert.StartsWith("HTTP/1.1 200 ", answer);
        Assert.EndsWith("version=1 greeting= dyno=web.1\n", answer);

        // The push returns once the router serves the new container: new connections go there.
        await VersionedApp.SetVersionAsync(work, 2);
        await host.PushAsync(work, app);
        Assert.EndsWith("version=2 greeting= dyno=web.1\n", await ExchangeAsync(port));

        var logs = await host.Paasd.PaasAsync(["logs", app, "-p", "router", "-n", "10"]);
        Assert.True(logs.ExitCode == 0, logs.StandardError);
        Assert.Contains($"at=info protocol=tcp port={port} client=127.0.0.1 backend=web.1 outcome=closed", logs.StandardOutput);

        var remove = await host.Paasd.PaasAsync(["ports:remove", app, mapping]);
        Assert.True(remove.ExitCode == 0, remove.StandardError);
        await DeployHost.EventuallyAsync(async () => !await AcceptsAsync(port), Soon,
            () => Task.FromResult($"port {port} still accepts connections after ports:remove"));
        // The app's http mapping is untouched.
        Assert.Equal(200, (await host.GetThroughRouterAsync(app)).Status);
    }

    /// <summary>
    /// An HTTP/1.0 request written on a raw connection to the tcp port, the client's side then shut
    /// (a half-close the router passes on), and everything the app sent until it closed.
    /// </summary>
    private static async Task<string> ExchangeAsync(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: raw\r\n\r\n"), SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            var received = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.Write(buffer, 0, read);
            return Encoding.ASCII.GetString(received.ToArray());
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return e.Message;
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
