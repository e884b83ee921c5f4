using Paas.Runtime.Monitor.Native;

namespace Paas.Runtime.Monitor;

/// <summary>
/// SIGKILLs processes of a session the moment this process (paasd) dies, however it dies, `kill -9`
/// included: conmon double-forks away from us, so nothing of a session (an `enter` command, a `run`
/// container) would otherwise notice that nobody reads its output any more, and it would run on until
/// conmon's timeout. The watch is a tiny child (the system's `sh`) blocked reading its end of a socket
/// pair whose other end only we hold: the kernel closes ours when we die, its read returns, and it
/// kills the targets. A session that ends normally kills the watch first (and reaps it), then closes
/// the socket, so the targets are never signalled after their pids could have been reused.
/// <para>
/// The script is a constant; the pids reach it as positional arguments (never parsed as code).
/// A watch killed together with paasd (a kill of the whole process group) cannot act: recovery at
/// paasd's next start is the backstop (<see cref="Attach.AttachedExec.KillAbandonedAsync"/> and
/// <see cref="Attach.AttachedRun.RemoveAbandonedAsync"/>).
/// </para>
/// </summary>
internal sealed class OwnerDeathWatch : IDisposable
{
    private const int SigKill = 9;
    private const string Shell = "/bin/sh";

    // fd 3 is the watch's end: its read ends only at EOF, i.e. when the last holder of our end is gone.
    private const string Script = "exec >/dev/null 2>&1; read -r _ <&3; kill -s KILL -- \"$@\"";

    private readonly SocketPair _pipe;
    private readonly int _pid;
    private bool _disposed;

    private OwnerDeathWatch(SocketPair pipe, int pid)
    {
        _pipe = pipe;
        _pid = pid;
    }

    /// <summary>
    /// Watches for our death on behalf of <paramref name="pid"/> (and with <paramref name="group"/>, its
    /// process group too, as a command's own children are in it).
    /// </summary>
    public static OwnerDeathWatch Start(int pid, bool group)
    {
        if (pid <= 1) throw new ArgumentOutOfRangeException(nameof(pid), pid, "not a process a session may kill");
        var targets = new List<string>();
        if (group) targets.Add((-pid).ToString(System.Globalization.CultureInfo.InvariantCulture));
        targets.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pipe = SocketPair.Create();
        try
        {
            var watcher = ChildSpawner.Spawn(Shell, ["-c", Script, "paas-session-watch", .. targets], new Dictionary<string, string>(),
                pipe.ChildFd, [pipe.ChildFd]);
            pipe.CloseChildEnd();
            return new OwnerDeathWatch(pipe, watcher);
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }

    /// <summary>Ends the watch without it signalling anyone.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        SpawnLibC.Kill(_pid, SigKill);
        ChildSpawner.WaitForExit(_pid);
        _pipe.Dispose();
    }
}
