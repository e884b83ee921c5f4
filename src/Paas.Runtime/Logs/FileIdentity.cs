using System.Runtime.InteropServices;

namespace Paas.Runtime.Logs;

/// <summary>Device and inode of an open file: tells a renamed log from the new file at the same path.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    // struct stat on x86_64/aarch64 glibc starts with st_dev then st_ino, 8 bytes each.
    private const int StatSize = 256;

    public static FileIdentity Of(FileStream stream)
    {
        var buffer = new byte[StatSize];
        if (fstat((int)stream.SafeFileHandle.DangerousGetHandle(), buffer) != 0)
            throw new IOException($"fstat {stream.Name} failed (errno {Marshal.GetLastPInvokeError()})");
        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fstat(int fd, [Out] byte[] buffer);
}
