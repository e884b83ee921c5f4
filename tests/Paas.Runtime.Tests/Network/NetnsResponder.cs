using System.Diagnostics;

namespace Paas.Runtime.Tests.Network;

/// <summary>
/// A real TCP and UDP server inside a container's netns (<c>ip netns exec NS python3</c>): every TCP
/// connection gets "TOKEN\n", every UDP datagram is echoed back as "TOKEN:payload".
/// </summary>
internal sealed class NetnsResponder : IAsyncDisposable
{
    public const string Script = """
        import socket, sys, threading
        port, token = int(sys.argv[1]), sys.argv[2].encode()
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("0.0.0.0", port))
        def echo():
            while True:
                data, peer = udp.recvfrom(2048)
                udp.sendto(token + b":" + data, peer)
        threading.Thread(target=echo, daemon=True).start()
        tcp = socket.socket()
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        tcp.bind(("0.0.0.0", port))
        tcp.listen(16)
        print("ready", flush=True)
        while True:
            conn, _ = tcp.accept()
            conn.sendall(token + b"\n")
            conn.close()
        """;

    private readonly Process process;

    private NetnsResponder(Process process) => this.process = process;

    public static async Task<NetnsResponder> StartAsync(string netnsName, int port, string token)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), $"{python} is needed to run a responder inside the test netns (apt-get install python3)");
        var psi = new ProcessStartInfo(HostTool.Resolve("ip"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", netnsName, python, "-c", Script, port.ToString(), token })
        {
            psi.ArgumentList.Add(argument);
        }
        var process = Process.Start(psi)!;
        var responder = new NetnsResponder(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
            await responder.DisposeAsync();
            Assert.Fail($"responder in {netnsName} did not start: {stderr}");
        }
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        process.Dispose();
    }
}
