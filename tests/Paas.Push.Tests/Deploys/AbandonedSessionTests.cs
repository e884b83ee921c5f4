using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Sessions whose owner died: `enter` (the WebSocket with and without a terminal, and the plain
/// NDJSON endpoint the CLI uses without stdin) and `run -t` keep nothing running in the containers
/// once paasd is killed with `kill -9`: the command is gone within seconds (its watch), and if the
/// watch died too, at paasd's next start (recovery).
/// </summary>
public sealed class AbandonedSessionTests(ResilienceHost host) : IClassFixture<ResilienceHost>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task KillingPaasd_KillsItsEnterCommandsAndRuns_WithinSeconds()
    {
        var app = await DeployedAppAsync("orphan");
        var terminal = UniqueSleep();
        var plain = UniqueSleep();
        var viaApi = UniqueSleep();
        var run = UniqueSleep();

        using var enterTty = await OpenAsync(ApiRoutes.EnterSocket(app) + new SessionQuery([$"echo started; sleep {terminal}"], Terminal: true, Dyno: "web.1").ToQueryString());
        using var enterPlain = await OpenAsync(ApiRoutes.EnterSocket(app) + new SessionQuery([$"echo started; sleep {plain}"], Terminal: false, Dyno: "web.1").ToQueryString());
        using var runTty = await OpenAsync(ApiRoutes.RunSocket(app) + new SessionQuery([$"echo started; sleep {run}"], Terminal: true).ToQueryString());
        using var api = host.Paasd.SocketClient();
        api.Timeout = Timeout.InfiniteTimeSpan;
        var enterNdjson = api.PostAsJsonAsync(ApiRoutes.Enter(app), new EnterRequest("web.1", ["sleep", viaApi.ToString()]), ApiJson.Options);
        await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(terminal, plain, viaApi, run) == 4), TimeSpan.FromSeconds(20),
            () => Task.FromResult($"not all four sleeps started: {SleepsAlive(terminal, plain, viaApi, run)} of 4"));

        await host.Paasd.KillAsync();
        var killed = DateTime.UtcNow;
        await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(terminal, plain, viaApi, run) == 0), Soon,
            () => Task.FromResult($"{SleepsAlive(terminal, plain, viaApi, run)} of the sessions' commands survived paasd by {Soon.TotalSeconds} s"));
        var after = DateTime.UtcNow - killed;

        await host.Paasd.RestartAsync();
        try { (await enterNdjson).Dispose(); }
        catch (HttpRequestException) { } // paasd died before it answered the request's head
        // The instance the commands ran in is untouched, and recovery removed the abandoned run and session files.
        var report = await host.ReportAsync(app);
        Assert.Equal(("running", 0), (Assert.Single(report.Instances).State, report.Instances[0].Restarts));
        await DeployHost.EventuallyAsync(() => Task.FromResult(LeftoverSessionFiles().Count == 0 && OneOffContainers(app).Count == 0), TimeSpan.FromSeconds(10),
            () => Task.FromResult("left over: " + string.Join(", ", LeftoverSessionFiles().Concat(OneOffContainers(app)))));
        Assert.True(after < Soon, $"took {after}");
    }

    [Fact]
    public async Task ACommandWhoseWatchDiedToo_IsKilledWhenPaasdStartsAgain()
    {
        var app = await DeployedAppAsync("orphan2");
        var sleep = UniqueSleep();
        using var enter = await OpenAsync(ApiRoutes.EnterSocket(app) + new SessionQuery([$"echo started; sleep {sleep}"], Terminal: false, Dyno: "web.1").ToQueryString());
        await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(sleep) == 1), TimeSpan.FromSeconds(20), () => Task.FromResult("the sleep never started"));

        // As a kill of paasd's whole process group would: the watch goes first, then paasd.
        var watches = HostProcesses.ChildrenNamed(host.Paasd.ProcessId, "paas-session-watch");
        Assert.Single(watches);
        foreach (var pid in watches) System.Diagnostics.Process.GetProcessById(pid).Kill();
        await host.Paasd.KillAsync();
        await Task.Delay(1000);
        Assert.Equal(1, SleepsAlive(sleep));

        await host.Paasd.RestartAsync();
        await DeployHost.EventuallyAsync(() => Task.FromResult(SleepsAlive(sleep) == 0 && LeftoverSessionFiles().Count == 0), TimeSpan.FromSeconds(10),
            () => Task.FromResult($"after paasd's start: {SleepsAlive(sleep)} sleep alive, files {string.Join(", ", LeftoverSessionFiles())}"));
        Assert.Equal("running", Assert.Single((await host.ReportAsync(app)).Instances).State);
    }

    private async Task<string> DeployedAppAsync(string prefix)
    {
        var app = await host.CreateAppAsync(prefix);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        return app;
    }

    /// <summary>A session on paasd's unix socket, once its command said "started".</summary>
    private async Task<ClientWebSocket> OpenAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(host.Paasd.SocketPath), ct);
                return new NetworkStream(unix, ownsSocket: true);
            },
        });
        await socket.ConnectAsync(new Uri("ws://paasd" + pathAndQuery), invoker, CancellationToken.None);
        var buffer = new byte[4096];
        var seen = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!seen.ToString().Contains("started", StringComparison.Ordinal))
        {
            var frame = await socket.ReceiveAsync(buffer, cts.Token);
            Assert.True(frame.MessageType == WebSocketMessageType.Binary, $"the session ended before it started: {Encoding.UTF8.GetString(buffer, 0, frame.Count)}");
            seen.Append(Encoding.UTF8.GetString(buffer, 1, frame.Count - 1));
        }
        return socket;
    }

    /// <summary>A `sleep` argument no other test uses, so its processes can be counted by their command line.</summary>
    private static int UniqueSleep() => Random.Shared.Next(100_000, 999_999);

    private static int SleepsAlive(params int[] seconds)
    {
        var wanted = seconds.Select(s => $"sleep\0{s}\0").ToHashSet();
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (wanted.Contains(File.ReadAllText(Path.Combine(dir, "cmdline"))) && !IsZombie(dir)) count++;
            }
            catch (IOException) { }
        }
        return count;
    }

    private static bool IsZombie(string procDir)
    {
        var stat = File.ReadAllText(Path.Combine(procDir, "stat"));
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    /// <summary>Exec session directories (`exec/ID` in a container's directory) that still exist.</summary>
    private List<string> LeftoverSessionFiles()
    {
        var containers = Path.Combine(host.Paasd.Root, "run", "containers");
        return Directory.Exists(containers)
            ? Directory.EnumerateDirectories(containers).Select(c => Path.Combine(c, "exec")).Where(Directory.Exists)
                .SelectMany(Directory.EnumerateDirectories).ToList()
            : [];
    }

    /// <summary>The app's one-off containers that still exist, by the runtime's own records.</summary>
    private List<string> OneOffContainers(string app)
    {
        var dir = Path.Combine(host.Paasd.Root, "run", "containers");
        var found = new List<string>();
        foreach (var record in Directory.EnumerateFiles(dir, "container.json", SearchOption.AllDirectories))
        {
            string text;
            try { text = File.ReadAllText(record); }
            catch (IOException) { continue; }
            if (text.Contains($"\"{app}\"", StringComparison.Ordinal) && text.Contains("\"run\"", StringComparison.Ordinal)) found.Add(record);
        }
        return found;
    }
}
