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

    public async Task<int> RunAsync(ContainerDirectory container, IReadOnlyList<string> command, IInteractiveSession session, TimeSpan timeout,
        CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "an exec's timeout must be positive");
        var stdio = InteractiveStdio.Of(session);
        var sessionId = ContainerIds.New();
        var request = new ExecRequest(container.Id, sessionId, Path.Combine(container.Dir, "exec", sessionId), container.SocketDir, stdio.Terminal);
        try
        {
            RuntimeDirectories.Ensure(Path.GetDirectoryName(request.Dir)!, RuntimeDirectories.Private);
            RuntimeDirectories.Ensure(request.Dir, RuntimeDirectories.Private);
            PrivateFile.Write(request.ProcessSpec, ExecProcessSpec.From(File.ReadAllText(container.ConfigJson), command, stdio.Terminal, stdio.Size));
            using var exec = ctx.Monitor.LaunchExec(request);
            await exec.WaitUntilAttachableAsync(ct);
            using var socket = await AttachSocket.ConnectAsync(request.AttachSocket, ct);
            var pid = await exec.StartAsync(ct);
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
