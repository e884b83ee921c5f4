using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;
using static Paas.Push.Tests.Deploys.PseudoTerminal;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// `run -t` and `enter -t` through a real pseudo-terminal, piped stdin, and the session WebSocket itself
/// (output, resize, exit code, refusals before the upgrade).
/// </summary>
[Collection(PushCollection.Name)]
public sealed class InteractiveRunTests(PushHost host)
{
    private Dictionary<string, string> PaasEnvironment => new()
    {
        ["PAAS_SOCKET"] = host.Paasd.SocketPath,
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["TERM"] = "xterm",
        ["HOME"] = "/root",
    };

    [Fact]
    public async Task RunWithATerminal_IsInteractive_PassesTheExitCode_AndRestoresTheLocalTerminal()
    {
        var app = await DeployedAppAsync("ttyrun");

        var result = await PseudoTerminal.RunAsync(host.Paasd.PaasPath, ["run", "-t", app, "sh"], PaasEnvironment,
            new Expect("$ "),
            new Keys("echo $((40+2)); stty size\n"),
            new Expect("42"),
            new Expect("24 80"),
            new Resize(100, 30),
            new TypeUntil("stty size\n", "30 100"),
            new Keys("exit 3\n"));

        Assert.Equal(3, result.ExitCode);
        Assert.True(result.ModesRestored, "the local terminal was left in raw mode:\n" + result.Output);
        Assert.Empty(await OneOffContainersAsync(app));
    }

    [Fact]
    public async Task EnterWithATerminal_GivesAShellInTheRunningInstance()
    {
        var app = await DeployedAppAsync("ttyenter");

        var result = await PseudoTerminal.RunAsync(host.Paasd.PaasPath, ["enter", "-t", app, "web.1"], PaasEnvironment,
            new Keys("echo dyno=$DYNO; tty\n"),
            new Expect("dyno=web.1"),
            new Expect("/dev/pts/"),
            new Resize(120, 40),
            new TypeUntil("stty size\n", "40 120"),
            new Keys("exit\n"));

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.ModesRestored, "the local terminal was left in raw mode:\n" + result.Output);
        var report = await host.ReportAsync(app);
        Assert.Contains(report.Instances, i => i.Dyno == "web.1" && i.State == "running");
    }

    [Fact]
    public async Task PipedStandardInput_IsForwarded_AndItsEndClosesTheCommandsStdin()
    {
        var app = await DeployedAppAsync("piped");

        var run = await host.Paasd.PaasAsync(["run", app, "tr a-z A-Z; echo after >&2"], standardInput: "hello\nworld\n");
        var enter = await host.Paasd.PaasAsync(["enter", app, "web.1", "wc -l"], standardInput: "1\n2\n3\n");
        var failing = await host.Paasd.PaasAsync(["run", app, "cat >/dev/null; exit 4"], standardInput: "ignored\n");

        Assert.Equal(("HELLO\nWORLD\n", 0), (run.StandardOutput, run.ExitCode));
        Assert.Contains("after", run.StandardError);
        Assert.Equal(("3", 0), (enter.StandardOutput.Trim(), enter.ExitCode));
        Assert.Equal(4, failing.ExitCode);
    }

    [Fact]
    public async Task TheWebSocket_StreamsOutput_AppliesResizes_AndEndsWithTheExitCode()
    {
        var app = await DeployedAppAsync("wsrun");
        using var invoker = SocketInvoker();
        using var socket = new ClientWebSocket();
        var query = new SessionQuery(["sh"], Terminal: true, Cols: 80, Rows: 24).ToQueryString();
        await socket.ConnectAsync(new Uri("ws://paasd" + ApiRoutes.RunSocket(app) + query), invoker, CancellationToken.None);
        var session = new SocketReader(socket);

        await SendTextAsync(socket, "stty size; echo $((6*7))\n");
        await session.SeenAsync("24 80");
        await session.SeenAsync("42");
        await SendControlAsync(socket, new { type = "resize", cols = 90, rows = 33 });
        await SendTextAsync(socket, "sleep 0.3; stty size\n");
        await session.SeenAsync("33 90");
        await SendTextAsync(socket, "exit 5\n");

        Assert.Equal(5, await session.ExitCodeAsync());
        Assert.Equal(WebSocketState.CloseReceived, socket.State);
        Assert.All(session.Frames, f => Assert.Equal(SessionWire.Stdout, f[0]));
    }

    [Fact]
    public async Task TheWebSocket_RefusesBeforeTheUpgrade_WithTheRightStatus()
    {
        var app = await DeployedAppAsync("wsbad");

        var unknownApp = await UpgradeAsync(host.Paasd.SocketClient(), ApiRoutes.RunSocket("no-such-app-here") + "?cmd=sh");
        var badDyno = await UpgradeAsync(host.Paasd.SocketClient(), ApiRoutes.EnterSocket(app) + "?dyno=web-1&tty=1");
        var notRunning = await UpgradeAsync(host.Paasd.SocketClient(), ApiRoutes.EnterSocket(app) + "?dyno=web.9&tty=1");
        var anonymous = await UpgradeAsync(host.Paasd.TcpClient(), ApiRoutes.RunSocket(app) + "?cmd=sh&tty=1");
        var badSize = await UpgradeAsync(host.Paasd.SocketClient(), ApiRoutes.RunSocket(app) + "?cmd=sh&tty=1&cols=0&rows=99999");
        var notAWebSocket = await host.Paasd.SocketClient().GetAsync(ApiRoutes.RunSocket(app) + "?cmd=sh");

        Assert.Equal(HttpStatusCode.NotFound, unknownApp.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badDyno.Status);
        Assert.Contains("does not name an instance", badDyno.Body);
        Assert.Equal(HttpStatusCode.Conflict, notRunning.Status);
        Assert.Contains("no running instance 'web.9'", notRunning.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badSize.Status);
        Assert.Contains("cols", badSize.Body);
        Assert.Equal(HttpStatusCode.BadRequest, notAWebSocket.StatusCode);
        Assert.Equal("application/problem+json", unknownApp.MediaType);
        Assert.Empty(await OneOffContainersAsync(app));
    }

    [Fact]
    public async Task AClientThatLeaves_TakesItsRunWithIt()
    {
        var app = await DeployedAppAsync("wsleave");
        using var invoker = SocketInvoker();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri("ws://paasd" + ApiRoutes.RunSocket(app) + "?cmd=echo+started%3B+sleep+300&tty=1"), invoker, CancellationToken.None);
        var session = new SocketReader(socket);
        await session.SeenAsync("started");
        Assert.NotEmpty(await OneOffContainersAsync(app));

        socket.Abort();
        socket.Dispose();

        await DeployHost.EventuallyAsync(async () => (await OneOffContainersAsync(app)).Count == 0, TimeSpan.FromSeconds(20),
            async () => "the run still exists: " + string.Join(", ", await OneOffContainersAsync(app)));
    }

    private async Task<string> DeployedAppAsync(string prefix)
    {
        var app = await host.CreateAppAsync(prefix);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        return app;
    }

    /// <summary>The app's one-off containers that still exist, by the runtime's own records.</summary>
    private async Task<List<string>> OneOffContainersAsync(string app)
    {
        var dir = Path.Combine(host.Paasd.Root, "run", "containers");
        var found = new List<string>();
        foreach (var record in Directory.EnumerateFiles(dir, "container.json", SearchOption.AllDirectories))
        {
            string text;
            try { text = await File.ReadAllTextAsync(record); }
            catch (IOException) { continue; }
            if (text.Contains($"\"{app}\"", StringComparison.Ordinal) && text.Contains("\"run\"", StringComparison.Ordinal)) found.Add(record);
        }
        return found;
    }

    /// <summary>For ClientWebSocket: every connection to paasd's unix socket (the local administrator).</summary>
    private HttpMessageInvoker SocketInvoker() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(host.Paasd.SocketPath), ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    });

    private static Task SendTextAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Binary, true, CancellationToken.None);

    private static Task SendControlAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(HttpStatusCode Status, string Body, string? MediaType)> UpgradeAsync(HttpClient client, string path)
    {
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
            request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
            request.Headers.Add("Sec-WebSocket-Version", "13");
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Receives a session's frames in the background: text as it comes, then the exit message.</summary>
    private sealed class SocketReader
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();
        private readonly Task<int?> _exit;

        public SocketReader(WebSocket socket) => _exit = Task.Run(() => ReadAsync(socket));

        public List<byte[]> Frames { get; } = [];

        public async Task SeenAsync(string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                lock (_gate) if (_text.ToString().Contains(text, StringComparison.Ordinal)) return;
                if (_exit.IsCompleted || DateTime.UtcNow > deadline)
                    lock (_gate) Assert.Fail($"never saw '{text}'; the session showed: {_text}");
                await Task.Delay(50);
            }
        }

        public async Task<int?> ExitCodeAsync() => await _exit.WaitAsync(TimeSpan.FromSeconds(30));

        private async Task<int?> ReadAsync(WebSocket socket)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    lock (_gate)
                    {
                        Frames.Add(buffer[..result.Count]);
                        _text.Append(Encoding.UTF8.GetString(buffer, 1, result.Count - 1));
                    }
                    continue;
                }
                var control = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
                if (control.GetProperty("type").GetString() == "exit")
                {
                    var code = control.GetProperty("code").GetInt32();
                    // The close paasd sends next.
                    await socket.ReceiveAsync(buffer, CancellationToken.None);
                    return code;
                }
            }
        }
    }
}
