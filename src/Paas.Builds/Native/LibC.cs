using System.Runtime.InteropServices;

namespace Paas.Builds.Native;

/// <summary>The few libc calls .NET does not offer without following symlinks.</summary>
internal static class LibC
{
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    // O_NOFOLLOW differs between the architectures' asm-generic and legacy layouts.
    private static readonly int ONoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>
    /// open(O_RDONLY|O_NOFOLLOW|O_NONBLOCK): a link fails (ELOOP) instead of being followed, and a fifo
    /// a build left does not block the reader. Returns -1 on failure.
    /// </summary>
    public static int OpenNoFollow(string path) => open(path, ORdOnly | ONoFollow | ONonBlock | OCloExec);

    [DllImport("libc", SetLastError = true)]
    public static extern int lchown(string path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags);
}
