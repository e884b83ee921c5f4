using System.Runtime.InteropServices;

namespace Paas.Runtime.Images.Native;

/// <summary>
/// The few libc calls the BCL lacks for layers: owner, device nodes, hard links, overlay xattrs,
/// lstat-like status. DllImport with safe signatures so the project needs no unsafe code.
/// </summary>
internal static class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint StatxBasicStats = 0x7ff;
    public const int MntDetach = 2;
    public const int AtEmptyPath = 0x1000;

    public const int ORdOnly = 0;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int ODirectory = 0x10000;
    public const int ONoFollow = 0x20000;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;

    public const uint SIfMt = 0xF000;
    public const uint SIfSock = 0xC000;
    public const uint SIfLnk = 0xA000;
    public const uint SIfReg = 0x8000;
    public const uint SIfBlk = 0x6000;
    public const uint SIfDir = 0x4000;
    public const uint SIfChr = 0x2000;
    public const uint SIfIfo = 0x1000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static extern int OpenAt(int dirFd, string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    public static extern int Chown(string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    public static extern int LChown(string path, uint owner, uint group);

    // chmod rather than File.SetUnixFileMode: the latter is platform-annotated and would force
    // [SupportedOSPlatform] on every caller of the image store.
    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    public static extern int Chmod(string path, uint mode);

    [DllImport("libc", EntryPoint = "mknod", SetLastError = true)]
    public static extern int MkNod(string path, uint mode, ulong dev);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    public static extern int Link(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "lsetxattr", SetLastError = true)]
    public static extern int LSetXattr(string path, string name, byte[] value, nuint size, int flags);

    [DllImport("libc", EntryPoint = "lgetxattr", SetLastError = true)]
    public static extern nint LGetXattr(string path, string name, byte[] value, nuint size);

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    public static extern int Umount2(string target, int flags);

    /// <summary>glibc's makedev for the 64-bit dev_t.</summary>
    public static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) |
        ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    /// <summary>Throws an IOException naming the call, the path and the errno text when <paramref name="result"/> is -1.</summary>
    public static void Check(int result, string call, string path)
    {
        if (result == -1)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }
}
