using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Networking;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Network;
using Xunit;

namespace Paas.Testing;

/// <summary>
/// A real paasd process on its own fresh database, unix socket and loopback port. Use as an xunit
/// class or collection fixture; everything it made is removed on dispose.
/// </summary>
public sealed class PaasdFixture : IAsyncLifetime
{
    private readonly bool _privateDatabaseServer;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;
    private Process? _router;
    private PostgresServer? _server;
    private TestDirectory? _directory;

    /// <summary>On the test process's shared PostgreSQL (xunit fixtures use this constructor).</summary>
    public PaasdFixture()
        : this(privateDatabaseServer: false)
    {
    }

    // xunit takes fixtures with one public constructor only; the variant comes from WithPrivateDatabaseServer.
    private PaasdFixture(bool privateDatabaseServer, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _privateDatabaseServer = privateDatabaseServer;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A paasd on the shared PostgreSQL with these settings (PAAS_* variables) on top of the fixture's own.</summary>
    public static PaasdFixture WithSettings(IReadOnlyDictionary<string, string?> settings) => new(privateDatabaseServer: false, settings);

    /// <summary>
    /// A paasd whose PostgreSQL cluster is its own, which a test may stop and start
    /// (<see cref="DatabaseServer"/>) without touching any other test.
    /// </summary>
    public static PaasdFixture WithPrivateDatabaseServer() => new(privateDatabaseServer: true);

    /// <summary>Both: a PostgreSQL cluster of its own and these PAAS_* settings.</summary>
    public static PaasdFixture WithPrivateDatabaseServer(IReadOnlyDictionary<string, string?> settings) => new(privateDatabaseServer: true, settings);

    /// <summary>
    /// A paasd whose API also listens on https://127.0.0.1:<see cref="HttpsApiUrl"/> with this PEM certificate and key
    /// (PAAS_API_CERT, PAAS_API_KEY), beside the usual http:// <see cref="BaseUrl"/>.
    /// </summary>
    public static PaasdFixture WithHttpsApi(string certificate, string key) =>
        new(privateDatabaseServer: false, new Dictionary<string, string?> { ["PAAS_API_CERT"] = certificate, ["PAAS_API_KEY"] = key });

    /// <summary>The https:// API listener of a fixture made by <see cref="WithHttpsApi"/>, else null.</summary>
    public Uri? HttpsApiUrl { get; private set; }

    /// <summary>The server paasd's database lives on.</summary>
    public PostgresServer DatabaseServer => _server ?? throw new InvalidOperationException("the fixture is not initialised");

    public string DatabaseConnectionString { get; private set; } = "";
    public string SocketPath { get; private set; } = "";
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");
    public string BinDirectory { get; private set; } = "";
    public string Root { get; private set; } = "";

    /// <summary>The built-in buildpacks paasd builds with (a copy of the repo's, as installed).</summary>
    public string Buildpacks { get; private set; } = "";
    public string PaasPath => Path.Combine(BinDirectory, "paas");
    public string PaasdPath => Path.Combine(BinDirectory, "paasd");
    public string RouterPath => Path.Combine(BinDirectory, "paas-router");

    /// <summary>Where this fixture's paas-router serves mappings of host port 80 (PAAS_HTTP_PORT), on 127.0.0.1.</summary>
    public int HttpPort { get; private set; }

    /// <summary>Where it serves mappings of host port 443 (PAAS_HTTPS_PORT).</summary>
    public int HttpsPort { get; private set; }

    public const string Domain = "paas.test";

    /// <summary>The fixture's own bridge and subnet, removed with it.</summary>
    public TestNetwork? Network { get; private set; }

    /// <summary>A client of this fixture's router that asks for <c>APP.paas.test</c> (or the given host).</summary>
    public HttpClient RouterClient(string host)
    {
        // Redirects are the router's answer to look at, not to follow (they name APP.paas.test, which does not resolve).
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        client.DefaultRequestHeaders.Host = host.Contains('.') ? host : $"{host}.{Domain}";
        return client;
    }

    /// <summary>paasd's process id (its memory is read from /proc by budget tests).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("paasd is not running");

    /// <summary>What paasd printed so far, for assertion messages.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        BinDirectory = await PaasBinaries.DirectoryAsync();
        _server = _privateDatabaseServer ? await PostgresServer.StartPrivateAsync() : await PostgresServer.SharedAsync();
        DatabaseConnectionString = await _server.CreateDatabaseAsync();
        _directory = new TestDirectory("paasd-");
        Root = _directory.Combine("root");
        SocketPath = _directory.Combine("paasd.sock");
        BaseUrl = new Uri($"http://127.0.0.1:{FreeTcpPort()}/");
        if (_settings.ContainsKey("PAAS_API_CERT")) HttpsApiUrl = new Uri($"https://127.0.0.1:{FreeTcpPort()}/");
        // A bridge and subnet of its own: paasds of other fixtures and test processes run side by side.
        Network = await TestNetwork.CreateAsync(new RuntimePaths(Root), prefix: "pd", outboundNat: true);
        HttpPort = FreeTcpPort();
        HttpsPort = FreeTcpPort();
        Buildpacks = BuildpackCopy.Install(_directory.Combine("buildpacks"));
        await StartAsync();
    }

    /// <summary>The environment paasd runs with; tests reuse it to run `paasd` with one setting changed.</summary>
    public Dictionary<string, string?> Environment()
    {
        var environment = DefaultEnvironment();
        foreach (var (key, value) in _settings) environment[key] = value;
        return environment;
    }

    /// <summary>
    /// SSH keys go to a file of the test's own (owned by root), never to the paas user's real authorized_keys
    /// on a machine where the install script ran.
    /// </summary>
    private Dictionary<string, string?> DefaultEnvironment() => new()
    {
        ["PAAS_SSH_USER"] = "root",
        ["PAAS_SSH_AUTHORIZED_KEYS"] = _directory!.Combine("authorized_keys"),
        ["PAAS_CONFIG"] = null,
        ["PAAS_DATABASE"] = DatabaseConnectionString,
        ["PAAS_ROOT"] = Root,
        ["PAAS_SOCKET"] = SocketPath,
        ["PAAS_API_URLS"] = BaseUrl.GetLeftPart(UriPartial.Authority) + (HttpsApiUrl is { } https ? ";" + https.GetLeftPart(UriPartial.Authority) : ""),
        ["PAAS_DOMAIN"] = Domain,
        ["PAAS_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PAAS_HTTPS_PORT"] = HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PAAS_ROUTER_ADDRESS"] = "127.0.0.1",
        ["PAAS_BRIDGE"] = Network?.Settings.BridgeName,
        ["PAAS_SUBNET"] = Network?.Settings.Subnet,
        ["PAAS_OUTBOUND_NAT"] = "true",
        ["PAAS_BUILDPACKS"] = Buildpacks,
        ["PAAS_URL"] = null,
        ["PAAS_TOKEN"] = null,
    };

    /// <summary>
    /// paas-router, as the install script runs it beside paasd: on this fixture's root, listening on
    /// 127.0.0.1 only. It runs on while paasd is killed and restarted, as in production.
    /// </summary>
    public void StartRouter()
    {
        if (_router is { HasExited: false }) return;
        var start = new ProcessStartInfo(RouterPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in Environment())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        _router = Process.Start(start)!;
        _router.OutputDataReceived += (_, e) => Append(e.Data is null ? null : "router: " + e.Data);
        _router.ErrorDataReceived += (_, e) => Append(e.Data is null ? null : "router: " + e.Data);
        _router.BeginOutputReadLine();
        _router.BeginErrorReadLine();
    }

    /// <summary>SIGKILL of the router (tests of what happens without one).</summary>
    public async Task KillRouterAsync()
    {
        if (_router is { HasExited: false })
        {
            _router.Kill();
            await _router.WaitForExitAsync();
        }
    }

    private async Task StartAsync()
    {
        StartRouter();
        var start = new ProcessStartInfo(PaasdPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        // paas.json of an installed paasd on this machine must not leak into the test.
        start.Environment["PAAS_CONFIG"] = _directory!.Combine("paas.json");
        await File.WriteAllTextAsync(start.Environment["PAAS_CONFIG"]!, "{}");

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = SocketClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"paasd exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await client.GetAsync(ApiRoutes.Health);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"paasd did not answer on {SocketPath} within 30 s:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, as a crash would: nothing of paasd's shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts paasd again on the same database, root, socket and port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process?.Dispose();
        await StartAsync();
    }

    /// <summary>An HTTP client on the unix socket: the local administrator, no token.</summary>
    public HttpClient SocketClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://paasd/") };
    }

    /// <summary>An HTTP client over TCP loopback, with a bearer token if given.</summary>
    public HttpClient TcpClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> CreateTokenAsync(string? name = null)
    {
        using var client = SocketClient();
        using var response = await client.PostAsJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest(name ?? "t" + Guid.NewGuid().ToString("N")[..10]), ApiJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedToken>(ApiJson.Lenient))!.Token;
    }

    /// <summary>Runs the published `paas` with this paasd's socket (or the given overrides).</summary>
    public Task<ProcessRunner.Result> PaasAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null)
    {
        var env = new Dictionary<string, string?> { ["PAAS_SOCKET"] = SocketPath, ["PAAS_URL"] = null, ["PAAS_TOKEN"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        return ProcessRunner.RunAsync(PaasPath, arguments, env, standardInput ?? "");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        await KillRouterAsync();
        _router?.Dispose();
        try
        {
            await RemoveContainersAsync();
            if (_privateDatabaseServer)
                await (_server?.DisposeAsync() ?? ValueTask.CompletedTask);
            else if (_server is not null && DatabaseConnectionString.Length > 0)
                await _server.DropDatabaseAsync(DatabaseConnectionString);
        }
        finally
        {
            _directory?.Dispose();
        }
    }

    /// <summary>
    /// Apps' containers outlive paasd (their monitors keep them), so the fixture deletes every
    /// container under its root, with the network paasd gave them, once paasd is gone.
    /// </summary>
    private async Task RemoveContainersAsync()
    {
        if (Root.Length == 0 || !Directory.Exists(Root)) return;
        var paths = new RuntimePaths(Root);
        if (Network is null) return;
        using var runtime = new ContainerRuntime(paths, new OciImageStore(paths, TimeProvider.System, userNamespace: TestUserNamespace.Mapping),
            new ContainerRuntimeOptions { UserNamespace = TestUserNamespace.Mapping }, TimeProvider.System, Network.Network);
        foreach (var container in await runtime.ListAsync(CancellationToken.None))
            await runtime.DeleteAsync(container.Id, CancellationToken.None);
        KillProcessesUnder(Root);
        await Network.DisposeAsync();
    }

    /// <summary>A conmon paasd started ahead of time for its next container outlives a killed paasd: it goes too.</summary>
    private static void KillProcessesUnder(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(root + "/", StringComparison.Ordinal)) Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>
    /// A loopback port free now and never handed out before in this process: fixtures start side by
    /// side, and a port one of them was given but has not bound yet is free to the kernel.
    /// </summary>
    private static int FreeTcpPort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
                if (HandedOut.Add(port)) return port;
        }
    }

    private static readonly HashSet<int> HandedOut = [];
}
