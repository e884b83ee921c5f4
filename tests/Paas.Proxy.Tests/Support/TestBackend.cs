using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paas.Proxy.Tests.Support;

/// <summary>What a backend saw of one request, as it answers it (JSON).</summary>
public sealed record Seen(
    string Backend, string Method, string Path, string? Host, string? ForwardedFor, string? ForwardedProto,
    string? ForwardedHost, string? RequestId, long BodyBytes);

/// <summary>
/// A small real Kestrel app standing in for an app's container on a loopback address: answers
/// every request with what it saw (<see cref="Seen"/>), echoes WebSocket messages on /ws, waits
/// ?delay=ms before answering, answers ?download=N with N bytes, and records every request it got.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Seen> _seen = new();

    private TestBackend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public int Port { get; private set; }

    public IReadOnlyCollection<Seen> Requests => _seen;

    public static async Task<TestBackend> StartAsync(string name, string address = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Parse(address), port);
            k.Limits.MaxRequestBodySize = null; // large bodies are streamed through the router in tests
        });
        var app = builder.Build();
        var backend = new TestBackend(name, app);
        app.UseWebSockets();
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        backend.Port = new Uri(app.Urls.Single()).Port;
        return backend;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await EchoAsync(socket);
            return;
        }
        if (long.TryParse(request.Query["download"], out var download))
        {
            // A large answer written piece by piece, for streaming tests.
            context.Response.ContentLength = download;
            var piece = new byte[64 * 1024];
            for (var left = download; left > 0; left -= piece.Length)
                await context.Response.Body.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)));
            return;
        }
        long bodyBytes = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0) bodyBytes += read;
        var seen = new Seen(Name, request.Method, request.Path + request.QueryString, request.Headers.Host,
            request.Headers["X-Forwarded-For"], request.Headers["X-Forwarded-Proto"], request.Headers["X-Forwarded-Host"],
            request.Headers["X-Request-Id"], bodyBytes);
        _seen.Enqueue(seen);
        if (int.TryParse(request.Query["delay"], out var delay)) await Task.Delay(delay);
        await context.Response.WriteAsJsonAsync(seen);
    }

    private async Task EchoAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, default);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", default);
                return;
            }
            var reply = System.Text.Encoding.UTF8.GetBytes($"{Name}: ").Concat(buffer[..result.Count]).ToArray();
            await socket.SendAsync(reply, result.MessageType, result.EndOfMessage, default);
        }
    }

    public static Seen Parse(string json) =>
        JsonSerializer.Deserialize<Seen>(json, JsonSerializerOptions.Web) ?? throw new InvalidDataException($"not a Seen: {json}");
}
