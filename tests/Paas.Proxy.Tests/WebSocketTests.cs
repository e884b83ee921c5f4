using System.Net.WebSockets;
using System.Text;
using Paas.Proxy.Tests.Support;

namespace Paas.Proxy.Tests;

/// <summary>WebSockets through each forwarder (the lean one hands upgrades to YARP).</summary>
public abstract class WebSocketTests<TRouter>(TRouter router) : IClassFixture<TRouter> where TRouter : RouterProcess
{
    [Fact]
    public async Task WebSocket_EchoesThroughTheRouter()
    {
        await using var backend = await TestBackend.StartAsync("ws");
        var port = FreePort.Next();
        await router.PublishAsync([Routes.App(1, "chat", port, backend.Port, ["127.0.0.1"])]);
        using var client = new RouterClient();
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://chat.paas.test:{port}/ws"), client.Invoker, default);
        var replies = new List<string>();
        foreach (var message in new[] { "hello", "again" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, default);
            var buffer = new byte[1024];
            var result = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            replies.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", default);

        Assert.Equal(["ws: hello", "ws: again"], replies);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }
}

public sealed class YarpWebSocketTests(YarpRouterProcess router) : WebSocketTests<YarpRouterProcess>(router);

public sealed class LeanWebSocketTests(LeanRouterProcess router) : WebSocketTests<LeanRouterProcess>(router);

public sealed class ConnectionWebSocketTests(ConnectionRouterProcess router) : WebSocketTests<ConnectionRouterProcess>(router);
