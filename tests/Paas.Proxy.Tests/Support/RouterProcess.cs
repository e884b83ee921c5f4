using System.Diagnostics;
using System.Text;
using Paas.Core.Routing;
using Paas.Testing;

namespace Paas.Proxy.Tests.Support;

/// <summary>
/// A real paas-router process (the published binary) on loopback, with a fresh PAAS_ROOT of its
/// own. Tests publish snapshots the way paasd does (RoutingSnapshotFile.WriteAsync) and wait for
/// the router's applied file to name them. Use as a class fixture.
/// </summary>
public class RouterProcess : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private TestDirectory? _directory;
    private Process? _process;
    private long _revision;

    public string Root { get; private set; } = "";

    public string SnapshotPath => RoutingSnapshotFile.PathUnder(Root);

    public string AppliedPath => RoutingSnapshotFile.AppliedPathUnder(Root);

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("the router is not running");

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>What the router printed so far (Warning and up).</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>PAAS_ROUTER_* settings a fixture of its own gives its router.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _directory = new TestDirectory("paas-router-");
        Root = _directory.Combine("root");
        Directory.CreateDirectory(Root);
        await StartAsync();
    }

    /// <summary>SIGTERM, then a new process on the same root (as after an upgrade of the router).</summary>
    public async Task RestartAsync()
    {
        await TerminateAsync(TimeSpan.FromSeconds(15));
        _process!.Dispose();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var start = new ProcessStartInfo(await PaasBinaries.RouterAsync())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory!.Path,
        };
        start.Environment["PAAS_ROOT"] = Root;
        start.Environment["PAAS_ROUTER_ADDRESS"] = "127.0.0.1";
        start.Environment.Remove("PAAS_ROUTER_LOG_LEVEL");
        start.Environment.Remove("PAAS_ROUTER_TCP_IDLE_TIMEOUT");
        start.Environment.Remove("PAAS_ROUTER_UDP_IDLE_TIMEOUT");
        start.Environment.Remove("PAAS_ROUTER_UDP_MAX_SESSIONS");
        foreach (var (name, value) in Settings) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Writes the next revision with these apps (listeners from their mappings plus <paramref name="extraListeners"/>) and waits until it serves.</summary>
    public Task<long> PublishAsync(IReadOnlyList<AppRoute> apps, IEnumerable<RouterListener>? extraListeners = null) =>
        PublishAsync(Routes.ListenersOf(apps).Concat(extraListeners ?? []).Distinct().ToList(), apps);

    public async Task<long> PublishAsync(IReadOnlyList<RouterListener> listeners, IReadOnlyList<AppRoute> apps)
    {
        var revision = Interlocked.Increment(ref _revision);
        await RoutingSnapshotFile.WriteAsync(SnapshotPath, new RoutingSnapshot(revision, DateTimeOffset.UtcNow, listeners, apps), default);
        await WaitForAppliedAsync(revision);
        return revision;
    }

    public async Task WaitForAppliedAsync(long revision, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (RoutingSnapshotFile.ReadApplied(AppliedPath) is not { } applied || applied < revision)
        {
            if (HasExited) throw new InvalidOperationException($"paas-router exited with {_process!.ExitCode}:\n{Log}");
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
                throw new TimeoutException($"paas-router did not apply revision {revision} (applied: {RoutingSnapshotFile.ReadApplied(AppliedPath)}):\n{Log}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the router's output holds <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
                throw new TimeoutException($"paas-router never printed '{text}':\n{Log}");
            await Task.Delay(20);
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        await ProcessRunner.RunCheckedAsync("kill", "-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _directory?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
