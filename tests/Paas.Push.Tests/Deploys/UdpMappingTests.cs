using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// `ports:add APP udp:HOST:CONTAINER`: paas-router relays datagrams on the host port to the app's
/// web container, each client in a session of its own, follows a redeploy to the new container
/// (an open session too), and closes the port when the mapping goes; a reserved host port is
/// refused. Real paasd, router and containers (a Python UDP echo beside the app's HTTP server);
/// traffic only to loopback.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class UdpMappingTests(PushHost host)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    // HTTP on $PORT for the deploy's default check, and on udp 5353 an echo naming the release and
    // the sender's port: "version=V dyno=D from=PORT PAYLOAD".
    private const string Server = """
        #!/usr/bin/env python3
        import os, signal, socket, sys, threading, http.server
        HERE = os.path.dirname(os.path.abspath(__file__))
        VERSION = open(os.path.join(HERE, '..', 'VERSION')).read().strip()
        DYNO = os.environ.get('DYNO', '')

        def echo():
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(('0.0.0.0', 5353))
            while True:
                data, sender = s.recvfrom(65535)
                s.sendto(('version=%s dyno=%s from=%d ' % (VERSION, DYNO, sender[1])).encode() + data, sender)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                data = ('version=%s\n' % VERSION).encode()
                self.send_response(200)
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
        threading.Thread(target=echo, daemon=True).start()
        http.server.ThreadingHTTPServer(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
        """;

    [Fact]
    public async Task AUdpMapping_GivesEachClientItsOwnReplies_FollowsARedeploy_AndClosesWhenRemoved()
    {
        var app = await host.CreateAppAsync("udpmap");
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("Procfile", "web: bin/web\n");
        await work.WriteAsync("bin/web", Server, executable: true);
        await work.WriteAsync("VERSION", "1\n");
        await work.CommitAsync("v1");
        await host.PushAsync(work, app);
        var port = FreeLoopbackUdpPort();
        var mapping = $"udp:{port.ToString(CultureInfo.InvariantCulture)}:5353";

        var onSsh = await host.Paasd.PaasAsync(["ports:add", app, "udp:22:53"]);
        var add = await host.Paasd.PaasAsync(["ports:add", app, mapping]);

        Assert.NotEqual(0, onSsh.ExitCode);
        Assert.Contains("port mapping 'udp:22:53': host port 22 is reserved for SSH on this host", onSsh.StandardError);
        Assert.True(add.ExitCode == 0, add.StandardError);
        var list = await host.Paasd.PaasAsync(["ports:list", app]);
        Assert.Matches($@"udp\s+{port}\s+5353", list.StandardOutput);

        using var a = new UdpClientSocket(port);
        using var b = new UdpClientSocket(port);
        string? answer = null;
        await DeployHost.EventuallyAsync(async () => (answer = await a.AskAsync("a1")) is not null, Soon,
            () => Task.FromResult($"no answer on udp port {port}\n{host.Paasd.Log}"));
        var fromB = await b.AskAsync("b1");

        // Two sessions: the container saw two source ports, and each client got its own payload back.
        Assert.Matches("^version=1 dyno=web.1 from=[0-9]+ a1$", answer);
        Assert.Matches("^version=1 dyno=web.1 from=[0-9]+ b1$", fromB);
        Assert.NotEqual(Source(answer!), Source(fromB!));
        Assert.Equal($"version=1 dyno=web.1 from={Source(answer!)} a2", await a.AskAsync("a2"));

        // The push returns once the router serves the new container; the old one retires.
        await work.WriteAsync("VERSION", "2\n");
        await work.CommitAsync("v2");
        await host.PushAsync(work, app);
        using var c = new UdpClientSocket(port);

        Assert.Matches("^version=2 dyno=web.1 from=[0-9]+ a3$", await a.AskAsync("a3"));
        Assert.Matches("^version=2 dyno=web.1 from=[0-9]+ c1$", await c.AskAsync("c1"));

        var remove = await host.Paasd.PaasAsync(["ports:remove", app, mapping]);
        Assert.True(remove.ExitCode == 0, remove.StandardError);
        using var late = new UdpClientSocket(port);
        await DeployHost.EventuallyAsync(async () => await late.AskAsync("gone", TimeSpan.FromMilliseconds(300)) is null, Soon,
            () => Task.FromResult($"udp port {port} still answers after ports:remove"));
    }

    private static string Source(string answer) => answer.Split(' ')[2]["from=".Length..];

    private static int FreeLoopbackUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A client on loopback with a socket of its own (so a session of its own in the router).</summary>
    private sealed class UdpClientSocket : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        public UdpClientSocket(int port) => _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));

        /// <summary>The answer to <paramref name="text"/>, or null when none came in time (2 s unless given).</summary>
        public async Task<string?> AskAsync(string text, TimeSpan? timeout = null)
        {
            var buffer = new byte[65_535];
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(2));
            try
            {
                await _socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, cts.Token);
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                return Encoding.ASCII.GetString(buffer, 0, read);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                return null; // nothing came, or the port refused (ICMP): both are "no answer" here
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
