using System.Runtime.InteropServices;

namespace Paas.Runtime.Monitor.Native;

/// <summary>
/// posix_spawn and friends, which the BCL does not expose: .NET's Process can hand a child only
/// stdin/stdout/stderr, and conmon wants its sync socket as an inherited fd (REFERENCE §D 4.2 (b)).
/// DllImport with safe signatures so the project needs no unsafe code.
/// </summary>
internal static class SpawnLibC
{
    public const int AfUnix = 1;
    public const int SockStream = 1;
    public const int SockCloexec = 0x80000;
    public const int ORdOnly = 0;
    public const int FDupFdCloexec = 1030;
    public const short PosixSpawnSetSigDef = 0x04;
    public const short PosixSpawnSetSigMask = 0x08;
    public const int Eintr = 4;
    public const int Echild = 10;

    /// <summary>glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86_64 and arm64: room to spare.</summary>
    public const int OpaqueSize = 1024;

    /// <summary>sigset_t is 128 bytes in glibc.</summary>
    public const int SigSetSize = 128;

    [DllImport("libc", EntryPoint = "posix_spawn")]
    public static extern int PosixSpawn(out int pid, string path, IntPtr fileActions, IntPtr attr, IntPtr[] argv, IntPtr[] envp);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static extern int FileActionsInit(IntPtr fileActions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static extern int FileActionsDestroy(IntPtr fileActions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static extern int FileActionsAddDup2(IntPtr fileActions, int fd, int newFd);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
    public static extern int FileActionsAddOpen(IntPtr fileActions, int fd, string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static extern int AttrInit(IntPtr attr);

    [DllImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static extern int AttrDestroy(IntPtr attr);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static extern int AttrSetFlags(IntPtr attr, short flags);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static extern int AttrSetSigMask(IntPtr attr, IntPtr sigset);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static extern int AttrSetSigDefault(IntPtr attr, IntPtr sigset);

    [DllImport("libc", EntryPoint = "sigemptyset")]
    public static extern int SigEmptySet(IntPtr sigset);

    [DllImport("libc", EntryPoint = "sigfillset")]
    public static extern int SigFillSet(IntPtr sigset);

    [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    public static extern int SocketPair(int domain, int type, int protocol, int[] fds);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static extern int WaitPid(int pid, out int status, int options);

    public const int PrioProcess = 0;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static extern int SetPriority(int which, int who, int prio);
}
