using System.Text.Json;
using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Monitor;
using Paas.Runtime.Monitor.Native;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Attach;

/// <summary>
/// <see cref="IContainerRuntime.ExecInteractiveAsync"/>: a command in a running container under a conmon
/// of its own (<see cref="LaunchedExec"/>), attached before it starts, its stdin, output and terminal
/// coupled to the session (<see cref="InteractiveStreams"/>). Its files live in a directory inside the
/// container's, removed at the end (and with the container). Cancellation or the timeout kill the
/// command, never the container.
/// </summary>
public sealed class AttachedExec(RuntimeContext ctx)
{
    private const int SigKill = 9;
    private static readonly TimeSpan AbandonedGrace = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ConmonExitWait = TimeSpan.FromSeconds(5);

    public async Task<int> RunAsync(ContainerDirectory container, IReadOnlyList<string> command, IInteractiveSession session, TimeSpan timeout,
        CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an exec's timeout must be positive");
        var stdio = InteractiveStdio.Of(session);
        var sessionId = ContainerIds.New();
        var request = new ExecRequest(container.Id, sessionId, Path.Combine(container.Dir, "exec", sessionId), container.SocketDir, stdio.Terminal)
        {
            // Ours ends it first; conmon's only matters once we are gone.
            MonitorTimeout = timeout == Timeout.InfiniteTimeSpan ? null : timeout + AbandonedGrace,
        };
        try
        {
            RuntimeDirectories.Ensure(Path.GetDirectoryName(request.Dir)!, RuntimeDirectories.Private);
            RuntimeDirectories.Ensure(request.Dir, RuntimeDirectories.Private);
            PrivateFile.Write(request.ProcessSpec, ExecProcessSpec.From(File.ReadAllText(container.ConfigJson), command, stdio.Terminal, stdio.Size));
            using var exec = ctx.Monitor.LaunchExec(request);
            await exec.WaitUntilAttachableAsync(ct);
            using var socket = await AttachSocket.ConnectAsync(request.AttachSocket, ct);
            var pid = await exec.StartAsync(ct);
            // Dies with us (see OwnerDeathWatch); the record is for the recovery after a death the watch did not survive.
            using var watch = OwnerDeathWatch.Start(pid, group: true);
            RecordSession(request.Dir, pid);
            await PumpAsync(socket, session, request, pid, timeout, ct);
            return await exec.ReadExitCodeAsync(ct)
                ?? throw new ContainerRuntimeException(container.Id, "exec", "conmon ended the output but reported no exit code (it died?)");
        }
        finally
        {
            try { Directory.Delete(request.Dir, recursive: true); }
            catch (DirectoryNotFoundException) { }
        }
    }

    /// <summary>
    /// At recovery: kills the commands of exec sessions whose owner (a paasd) is gone, and removes their files.
    /// A session ended normally has removed its directory itself.
    /// </summary>
    public static async Task KillAbandonedAsync(IEnumerable<ContainerDirectory> containers, CancellationToken ct)
    {
        foreach (var container in containers)
        {
            var sessions = Path.Combine(container.Dir, "exec");
            if (!Directory.Exists(sessions)) continue;
            foreach (var dir in Directory.EnumerateDirectories(sessions))
            {
                // No record yet: a session starting now (or one whose owner died before its command started,
                // which conmon gives up by itself; the directory goes with the container).
                if (ReadSession(dir) is not { } record || record.Owner.IsAlive()) continue;
                // An owned exec whose owner died before it learnt the command's pid: runc's pid file says, if the
                // process it names is still in this container's cgroup (not a pid reused since).
                if ((record.Command ?? OwnedExec.CommandOf(container, dir)) is { } command && command.IsAlive())
                {
                    SpawnLibC.Kill(-command.Pid, SigKill);
                    SpawnLibC.Kill(command.Pid, SigKill);
                }
                // Its conmon writes the exit file into the directory as it ends: let it, then remove everything.
                if (ConmonMonitor.ReadPid(Path.Combine(dir, "conmon.pid")) is { } conmon)
                    await ConmonMonitor.WaitForExitAsync(conmon, ConmonExitWait, ct);
                try { Directory.Delete(dir, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    /// <summary>
    /// Records who runs the session in <paramref name="dir"/> and its command (null: not started yet), for
    /// <see cref="KillAbandonedAsync"/> (also <see cref="OwnedExec"/>'s).
    /// </summary>
    internal static void RecordSession(string dir, int? pid) =>
        PrivateFile.Write(SessionFile(dir), JsonSerializer.Serialize(
            new ExecSession(ProcessIdentity.Of(Environment.ProcessId)!, pid is { } p ? ProcessIdentity.Of(p) : null), ContainerDirectory.Json));

    private static ExecSession? ReadSession(string dir)
    {
        try { return JsonSerializer.Deserialize<ExecSession>(File.ReadAllText(SessionFile(dir)), ContainerDirectory.Json); }
        catch (Exception e) when (e is IOException or JsonException) { return null; }
    }

    private static string SessionFile(string dir) => Path.Combine(dir, "session.json");

    /// <summary>Who runs an exec session (<paramref name="Owner"/>) and its command (null if it had exited when recorded).</summary>
    private sealed record ExecSession(ProcessIdentity Owner, ProcessIdentity? Command);

    private async Task PumpAsync(AttachSocket socket, IInteractiveSession session, ExecRequest request, int pid, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, ctx.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        deadline.CancelAfter(timeout);
        try
        {
            await new InteractiveStreams(socket, session, request.ControlFifo).RunAsync(stop.Token);
        }
        catch (Exception e)
        {
            // The command only: the container keeps running. Its exit ends conmon's output.
            // Its process group too: without a terminal no hangup reaches what it started.
            SpawnLibC.Kill(-pid, SigKill);
            SpawnLibC.Kill(pid, SigKill);
            await AttachedRun.DrainAsync(socket);
            ct.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"the command in container '{request.ContainerId}' was still running after {timeout} and was killed", e);
            throw;
        }
    }
}
