using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Attach;

/// <summary>
/// <see cref="IContainerRuntime.RunAttachedAsync"/>: create with a monitor that keeps no log,
/// connect to its attach socket before the start (so not a byte is missed), start, pass the output
/// on line by line until it ends, read the exit, delete. The output lives only in conmon's pipes
/// and the socket: nothing of it reaches the app's log history or the disk.
/// <para>
/// Cancellation, the timeout or a failing output kill the container, then read its output to the
/// end (discarding it) before closing the socket, so conmon never writes to a closed socket and
/// records the exit as usual; the container is deleted whatever happened.
/// </para>
/// <para>
/// When the process running it dies (paasd killed), conmon would carry on with the container, but
/// nobody can read its output again or take the run over: an <see cref="OwnerDeathWatch"/> kills the
/// container at once, and <see cref="RemoveAbandonedAsync"/>, at recovery, deletes such runs (and kills
/// one the watch could not) (their callers, a build say, are failed by their own recovery).
/// </para>
/// </summary>
public sealed class AttachedRun(RuntimeContext ctx, ContainerCreator creator, ContainerRemover remover, ContainerInspector inspector)
{
    private const int SigKill = 9;

    /// <summary>conmon writes the exit file before it closes the socket: this is only for a monitor that died.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <summary>How long a killed container's remaining output may take to drain.</summary>
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(10);

    /// <summary><paramref name="timeout"/> counts from the start of the container's command.</summary>
    public Task<ContainerInfo> RunAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(spec, stdio: null, (socket, _, token) => new OutputPump(socket, output).RunAsync(token), timeout, afterExit: null, ct);

    /// <summary>
    /// The same, and <paramref name="afterExit"/> is given the stopped container (its upper dir intact,
    /// its process gone) and its final state before the container is deleted.
    /// </summary>
    public Task<ContainerInfo> RunAsync(ContainerSpec spec, IContainerOutput output, TimeSpan timeout,
        Func<ContainerDirectory, ContainerInfo, CancellationToken, Task> afterExit, CancellationToken ct) =>
        RunAsync(spec, stdio: null, (socket, _, token) => new OutputPump(socket, output).RunAsync(token), timeout, afterExit, ct);

    /// <summary>The same with stdin open: <paramref name="session"/>'s input goes in, its output comes back as raw bytes.</summary>
    public Task<ContainerInfo> RunAsync(ContainerSpec spec, IInteractiveSession session, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(spec, InteractiveStdio.Of(session),
            (socket, dir, token) => new InteractiveStreams(socket, session, dir.Monitor(logPath: null).ControlFifo).RunAsync(token), timeout, afterExit: null, ct);

    private async Task<ContainerInfo> RunAsync(ContainerSpec spec, InteractiveStdio? stdio, Func<AttachSocket, ContainerDirectory, CancellationToken, Task> pump,
        TimeSpan timeout, Func<ContainerDirectory, ContainerInfo, CancellationToken, Task>? afterExit, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a run's timeout must be positive");
        var (record, pid) = stdio is null ? await creator.CreateAttachedAsync(spec, ct) : await creator.CreateAttachedAsync(spec, stdio, ct);
        var dir = ctx.Dir(record.Id);
        try
        {
            var info = await RunCreatedAsync(dir, pid, pump, timeout, ct);
            if (afterExit is not null) await afterExit(dir, info, ct);
            return info;
        }
        finally
        {
            await remover.RemoveAsync(dir, spec.Network == NetworkMode.Bridge, CancellationToken.None);
        }
    }

    private async Task<ContainerInfo> RunCreatedAsync(ContainerDirectory dir, int pid, Func<AttachSocket, ContainerDirectory, CancellationToken, Task> pump,
        TimeSpan timeout, CancellationToken ct)
    {
        // Its init is the pid namespace's: killing it ends the whole container when we die (see OwnerDeathWatch).
        using var watch = OwnerDeathWatch.Start(pid, group: false);
        using var socket = await AttachSocket.ConnectAsync(dir.Monitor(logPath: null).AttachSocket, ct);
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, ctx.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            await ctx.Oci.StartAsync(dir.Id, pid, stop.Token);
            dir.WriteStarted(ctx.Time.GetUtcNow());
            deadline.CancelAfter(timeout);
            await pump(socket, dir, stop.Token);
        }
        catch (Exception e)
        {
            await KillAsync(dir.Id);
            await DrainAsync(socket);
            ct.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"container '{dir.Id}' was still running after {timeout} and was killed", e);
            throw;
        }

        var info = await inspector.WaitForExitAsync(dir, ExitWait, CancellationToken.None);
        if (info.Status != ContainerStatus.Stopped)
        {
            await KillAsync(dir.Id);
            throw new ContainerRuntimeException(dir.Id, "run", "its monitor ended the output but recorded no exit (conmon died?)");
        }
        return info;
    }

    /// <summary>Kills and deletes the attached containers among <paramref name="dirs"/> whose running process is gone.</summary>
    public async Task RemoveAbandonedAsync(IEnumerable<ContainerDirectory> dirs, CancellationToken ct)
    {
        foreach (var dir in dirs)
        {
            var record = dir.ReadRecord();
            if (record.AttachedTo is not { } owner || owner.IsAlive()) continue;
            await KillAsync(dir.Id);
            await remover.RemoveAsync(dir, record.Spec.Network == NetworkMode.Bridge, ct);
        }
    }

    private async Task KillAsync(string id)
    {
        try { await ctx.Oci.KillAsync(id, SigKill, CancellationToken.None); }
        catch (ContainerException) { } // exited meanwhile (or never created): the removal deals with the rest
    }

    internal static async Task DrainAsync(AttachSocket socket)
    {
        using var cts = new CancellationTokenSource(DrainWait);
        try
        {
            while (await socket.ReceiveAsync(cts.Token) is not null) { }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException) { }
    }
}
