using Paas.Core.Containers;
using Paas.Runtime.Monitor.Native;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Monitor;

/// <summary>
/// A conmon started by <see cref="ConmonMonitor.LaunchExec"/> for `--exec --exec-attach` (API version 1),
/// which runs in three steps so that not a byte of output is missed: released once on its start socket,
/// it forks its monitor, opens the attach socket and says so on its attach socket
/// (<see cref="WaitUntilAttachableAsync"/>); released a second time it runs `runtime exec` and reports
/// the command's pid on its sync socket (<see cref="StartAsync"/>); when the command exited, its exit
/// code follows there (<see cref="ReadExitCodeAsync"/>). Disposing it before the first release kills it.
/// </summary>
public sealed class LaunchedExec : IDisposable
{
    private const int SigKill = 9;
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OutputWait = TimeSpan.FromSeconds(2);

    private readonly ExecRequest _request;
    private readonly int _pid;
    private readonly SocketPair _sync;
    private readonly SocketPair _output;
    private readonly SocketPair _start;
    private readonly SocketPair _attach;
    private readonly SyncLineReader _syncLines;
    private bool _released;
    private bool _reaped;

    internal LaunchedExec(ExecRequest request, int pid, SocketPair sync, SocketPair output, SocketPair start, SocketPair attach)
    {
        _request = request;
        _pid = pid;
        _sync = sync;
        _output = output;
        _start = start;
        _attach = attach;
        _syncLines = new SyncLineReader(sync.Parent);
        sync.CloseChildEnd();
        output.CloseChildEnd();
        start.CloseChildEnd();
        attach.CloseChildEnd();
    }

    /// <summary>Returns once conmon listens on <see cref="ExecRequest.AttachSocket"/>; the command has not started.</summary>
    public async Task WaitUntilAttachableAsync(CancellationToken ct)
    {
        _released = true;
        await _start.Parent.SendAsync(new byte[] { 1 }, System.Net.Sockets.SocketFlags.None, ct);
        var ready = await WithinSetupTimeAsync(token => SyncMessage.ReadAsync(_attach.Parent, token), "open its attach socket", ct);
        // The first conmon forked the monitor and exited: reap it (it has, or is about to).
        var launcherExit = Reap();
        if (ready is { Data: 0 }) return;
        var error = ready?.Message?.Trim();
        if (string.IsNullOrEmpty(error) && launcherExit is not (0 or null))
            error = $"conmon exited with {launcherExit}: {(await _output.ReadToEndAsync(OutputWait, ct)).Trim()}";
        throw Failed(string.IsNullOrEmpty(error) ? "conmon ended before it opened the attach socket" : error);
    }

    /// <summary>Lets conmon run `runtime exec`; the command's pid (on the host).</summary>
    public async Task<int> StartAsync(CancellationToken ct)
    {
        await _start.Parent.SendAsync(new byte[] { 1 }, System.Net.Sockets.SocketFlags.None, ct);
        var message = await WithinSetupTimeAsync(_syncLines.ReadAsync, "start the command", ct);
        if (message is { Data: > 0 } started) return started.Data;
        var error = RuntimeError() ?? message?.Message?.Trim();
        throw Failed(string.IsNullOrEmpty(error) ? "the OCI runtime failed without a message" : error);
    }

    /// <summary>The command's exit code (128 + signal when a signal ended it), or null when conmon ended without saying.</summary>
    public async Task<int?> ReadExitCodeAsync(CancellationToken ct)
    {
        var message = await _syncLines.ReadAsync(ct);
        if (message is { Data: >= 0 } exit) return exit.Data;
        return File.Exists(_request.ExitFile) && int.TryParse(File.ReadAllText(_request.ExitFile).Trim(), out var code) && code >= 0 ? code : null;
    }

    public void Dispose()
    {
        if (!_released) SpawnLibC.Kill(_pid, SigKill);
        Reap();
        _sync.Dispose();
        _output.Dispose();
        _start.Dispose();
        _attach.Dispose();
    }

    private async Task<T> WithinSetupTimeAsync<T>(Func<CancellationToken, Task<T>> read, string what, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(SetupTimeout);
        try
        {
            return await read(cts.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Failed($"conmon did not {what} within {SetupTimeout.TotalSeconds} s ({e.Message})");
        }
    }

    private ContainerRuntimeException Failed(string message) => new(_request.ContainerId, "exec", message);

    private string? RuntimeError() =>
        File.Exists(_request.RuntimeLogPath) ? OciRuntime.ErrorMessage(File.ReadAllText(_request.RuntimeLogPath)) : null;

    private int? Reap()
    {
        if (_reaped) return null;
        _reaped = true;
        return ChildSpawner.WaitForExit(_pid);
    }
}
