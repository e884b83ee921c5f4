using Paas.Core.Containers;
using Paas.Runtime.Monitor.Native;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Monitor;

/// <summary>
/// A conmon started by <see cref="ConmonMonitor.Launch"/>, waiting on its start socket.
/// <see cref="CreateAsync"/> releases it and waits for the pid (or the runtime's error) it reports
/// on its sync socket. Disposing it before the release kills it: nothing was created yet.
/// </summary>
public sealed class LaunchedMonitor : IDisposable
{
    private const int SigKill = 9;
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(2);

    private readonly ConmonRequest _request;
    private readonly int _pid;
    private readonly SocketPair _sync;
    private readonly SocketPair _output;
    private readonly SocketPair _start;
    private bool _released;
    private bool _reaped;

    internal LaunchedMonitor(ConmonRequest request, int pid, SocketPair sync, SocketPair output, SocketPair start)
    {
        _request = request;
        _pid = pid;
        _sync = sync;
        _output = output;
        _start = start;
        // conmon has its copies now; ours must go, or we would never see conmon close them.
        sync.CloseChildEnd();
        output.CloseChildEnd();
        start.CloseChildEnd();
    }

    /// <summary>Still waiting on its start socket (not released, not dead).</summary>
    public bool IsWaiting => !_released && ProcessState.IsAlive(_pid);

    /// <summary>Sets the waiting conmon's nice value (what runc and the container will inherit); false if it failed.</summary>
    public bool SetPriority(int nice) => !_released && SpawnLibC.SetPriority(SpawnLibC.PrioProcess, _pid, nice) == 0;

    /// <summary>Releases conmon to run `runtime create` on the bundle, which must be complete now.</summary>
    public async Task<int> CreateAsync(CancellationToken ct)
    {
        var r = _request;
        _released = true;
        await _start.Parent.SendAsync(new byte[] { 1 }, System.Net.Sockets.SocketFlags.None, ct);

        SyncMessage? message;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            cts.CancelAfter(CreateTimeout);
            try
            {
                message = await SyncMessage.ReadAsync(_sync.Parent, cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ContainerRuntimeException(r.Id, "create", $"the runtime did not create the container within {CreateTimeout.TotalSeconds} s");
            }
        }

        // The first conmon process forks the monitor, writes the conmon pid file and exits at
        // once; by now it is long gone, so this does not block, and the pid file is there.
        var launcherExit = Reap();
        if (message is { Data: > 0 } created) return created.Data;

        var error = RuntimeError(r.RuntimeLogPath) ?? message?.Message?.Trim();
        if (string.IsNullOrEmpty(error) && launcherExit is not (0 or null))
            error = $"conmon exited with {launcherExit}: {(await _output.ReadToEndAsync(OutputWait, ct)).Trim()}";
        throw new ContainerRuntimeException(r.Id, "create", string.IsNullOrEmpty(error) ? "the OCI runtime failed without a message" : error);
    }

    public void Dispose()
    {
        // Still waiting on its start socket: it has forked nothing, so killing it leaves nothing.
        if (!_released) SpawnLibC.Kill(_pid, SigKill);
        Reap();
        _sync.Dispose();
        _output.Dispose();
        _start.Dispose();
    }

    private int? Reap()
    {
        if (_reaped) return null;
        _reaped = true;
        return ChildSpawner.WaitForExit(_pid);
    }

    private static string? RuntimeError(string logPath) =>
        File.Exists(logPath) ? OciRuntime.ErrorMessage(File.ReadAllText(logPath)) : null;
}
