using System.Net;
using System.Net.Sockets;
using Paas.Core.Containers;
using Paas.Runtime.Tests.Network;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>An attached run on the bridge (as a build runs) has app containers' isolation: its own app only, not the host, not another app.</summary>
[Collection(ContainerCollection.Name)]
public sealed class AttachedRunNetworkTests(ContainerHost host)
{
    private const string ClientScript = """
        import socket, sys, time
        def line(addr, port):
            with socket.create_connection((addr, port), timeout=2) as s:
                return s.makefile().readline().strip()
        same, other, gateway, host_port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        deadline = time.time() + 15
        while True:
            try:
                print("same-app", line(same, 5000), flush=True)
                break
            except OSError as e:
                if time.time() > deadline:
                    print("same-app FAILED", e, flush=True)
                    break
                time.sleep(0.2)
        for name, addr, port in (("other-app", other, 5000), ("host", gateway, host_port)):
            try:
                print(name, "CONNECTED", line(addr, port), flush=True)
            except OSError as e:
                print(name, "FAILED", type(e).__name__, flush=True)
        """;

    [Fact]
    public async Task OnTheBridge_ReachesItsOwnAppsContainer_NotAnotherApp_NorTheHost()
    {
        await using var bed = await NetworkTestBed.CreateAsync();
        using var runtime = host.Runtime(bed.Network());
        await using var scope = new ContainerScope(runtime);
        var same = await scope.RunAsync(AppSpec("501", ["python3", "-c", NetnsResponder.Script, "5000", "hello-same"]));
        var other = await scope.RunAsync(AppSpec("502", ["python3", "-c", NetnsResponder.Script, "5000", "hello-other"]));
        // Both listen (the host reaches every container), so a refusal below is the isolation's.
        await WaitAnswerAsync(IPAddress.Parse(same.IpAddress!), "hello-same");
        await WaitAnswerAsync(IPAddress.Parse(other.IpAddress!), "hello-other");
        using var hostListener = new TcpListener(bed.Gateway, 0);
        hostListener.Start();
        var hostPort = ((IPEndPoint)hostListener.LocalEndpoint).Port;

        var output = new RecordingOutput();
        var info = await runtime.RunAttachedAsync(
            AppSpec("501", ["python3", "-c", ClientScript, same.IpAddress!, other.IpAddress!, bed.Gateway.ToString(), hostPort.ToString()]),
            output, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        Assert.Equal(["same-app hello-same", "other-app FAILED TimeoutError", "host FAILED TimeoutError"], output.Of(LogStream.Stdout));
        Assert.NotNull(info.IpAddress);
        Assert.True(bed.Subnet.Contains(IPAddress.Parse(info.IpAddress!)), $"{info.IpAddress} is not on the test's bridge");
        await NetworkAssert.NothingLeftAsync(bed, info.Id, IPAddress.Parse(info.IpAddress!));
    }

    private static ContainerSpec AppSpec(string appId, string[] command) => ContainerHost.Spec(command) with
    {
        Network = NetworkMode.Bridge,
        Labels = new Dictionary<string, string>
        {
            [ContainerLabels.App] = "demo-" + appId,
            [ContainerLabels.AppId] = appId,
            [ContainerLabels.ProcessType] = "build",
        },
    };

    private static async Task WaitAnswerAsync(IPAddress address, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? answer;
        while ((answer = await TryLineAsync(address)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{address}:5000 answered '{answer}', not '{expected}'");
            await Task.Delay(200);
        }
    }

    /// <summary>The server's line, or why there was none (not listening yet).</summary>
    private static async Task<string?> TryLineAsync(IPAddress address)
    {
        try { return await Probe.TcpLineAsync(address, 5000); }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return e.Message; }
    }
}
