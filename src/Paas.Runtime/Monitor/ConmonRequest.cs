namespace Paas.Runtime.Monitor;

/// <summary>
/// Where one container's monitor keeps its files. <see cref="ContainerPidFile"/> appears once the
/// runtime created the container; <see cref="ExitFile"/> once it exited. A null <see cref="LogPath"/>
/// keeps no log: the container's output reaches only whoever is connected to <see cref="AttachSocket"/>.
/// </summary>
public sealed record ConmonRequest(
    string Id,
    string BundleDir,
    string ContainerPidFile,
    string ConmonPidFile,
    string ExitDir,
    string PersistDir,
    string SocketDir,
    string? LogPath,
    string RuntimeLogPath)
{
    /// <summary>conmon asks the runtime for a pseudo-terminal (--terminal) and passes its one stream on as stdout.</summary>
    public bool Terminal { get; init; }

    /// <summary>What attach-socket clients send goes to the container's stdin (--stdin); a client's end of input closes it.</summary>
    public bool Stdin { get; init; }

    public string ExitFile => Path.Combine(ExitDir, Id);

    /// <summary>conmon leaves an empty "oom" file here when the kernel OOM-killed in the container's cgroup.</summary>
    public string OomFile => Path.Combine(PersistDir, "oom");

    /// <summary>FIFO: "2 0 0\n" makes conmon reopen its log file (used for rotation); "1 ROWS COLUMNS\n" resizes the terminal.</summary>
    public string ControlFifo => Path.Combine(BundleDir, "ctl");

    /// <summary>
    /// conmon's attach socket (SOCK_SEQPACKET), reached through its short link in the socket dir
    /// (a unix socket path holds at most 107 bytes; the bundle's full path may be longer).
    /// </summary>
    public string AttachSocket => Path.Combine(SocketDir, Id, "attach");
}
