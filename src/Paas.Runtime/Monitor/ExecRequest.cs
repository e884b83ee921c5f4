namespace Paas.Runtime.Monitor;

/// <summary>
/// One command run in a running container through its own conmon (`conmon --exec`), with every file of
/// that conmon in <see cref="Dir"/>, its bundle: the process spec, pid files, FIFOs, the runtime's log and
/// the exit file, which is named after the container and so must never land in the shared exit
/// directory (the exit watcher would take it for the container's own exit).
/// </summary>
public sealed record ExecRequest(string ContainerId, string SessionId, string Dir, string SocketDir, bool Terminal)
{
    public string ProcessSpec => Path.Combine(Dir, "process.json");
    public string PidFile => Path.Combine(Dir, "exec.pid");
    public string ConmonPidFile => Path.Combine(Dir, "conmon.pid");
    public string PersistDir => Path.Combine(Dir, "persist");
    public string ExitFile => Path.Combine(Dir, ContainerId);
    public string RuntimeLogPath => Path.Combine(Dir, "runtime.log");

    /// <summary>FIFO: "1 ROWS COLUMNS\n" resizes the command's terminal.</summary>
    public string ControlFifo => Path.Combine(Dir, "ctl");

    /// <summary>Through the session's short link in the socket dir, as for containers.</summary>
    public string AttachSocket => Path.Combine(SocketDir, SessionId, "attach");
}
