using System.Runtime.InteropServices;

namespace Paas.Runtime.Oci.Native;

/// <summary>Plain open/read/close/fcntl for runc's exec fifo and conmon's control fifo: blocking open semantics and O_NONBLOCK, which FileStream hides.</summary>
internal static class FifoLibC
{
    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int ONonBlock = 0x800;
    public const int OCloexec = 0x80000;
    public const int Eintr = 4;
    public const int Enoent = 2;
    public const int Enxio = 6;
    public const int FGetFl = 3;
    public const int FSetFl = 4;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
}
