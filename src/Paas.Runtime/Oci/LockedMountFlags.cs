using System.Runtime.InteropServices;

namespace Paas.Runtime.Oci;

/// <summary>
/// The flags of the mount a bind's source lives on that a user namespace cannot drop. A mount
/// copied into a mount namespace owned by a user namespace keeps its read-only, nosuid, nodev,
/// noexec and atime flags locked: runc's remount of the bind fails with EPERM unless it asks for
/// them too (notes/user-namespaces.md: a bind from a noexec tmpfs).
/// </summary>
internal static class LockedMountFlags
{
    private const ulong StRdOnly = 1;
    private const ulong StNoExec = 8;
    private const ulong StNoAtime = 1024;
    private const ulong StNoDirAtime = 2048;
    private const ulong StRelAtime = 4096;

    /// <summary>Options to add to a bind of <paramref name="source"/> (nosuid and nodev every bind has already).</summary>
    public static IEnumerable<string> For(string source)
    {
        if (statvfs(source, out var s) != 0) yield break; // runc names a missing source itself.
        if ((s.Flag & StRdOnly) != 0) yield return "ro";
        if ((s.Flag & StNoExec) != 0) yield return "noexec";
        if ((s.Flag & StNoAtime) != 0) yield return "noatime";
        else if ((s.Flag & StRelAtime) == 0) yield return "strictatime";
        if ((s.Flag & StNoDirAtime) != 0) yield return "nodiratime";
    }

    /// <summary>struct statvfs of 64-bit Linux (glibc): eleven unsigned longs, then spare ints.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfs
    {
        public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flag, NameMax;
        public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statvfs(string path, out StatVfs buf);
}
