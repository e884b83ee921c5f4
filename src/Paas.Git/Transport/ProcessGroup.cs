using System.Runtime.InteropServices;

namespace Paas.Git.Transport;

/// <summary>
/// git is started through setsid(1), so it leads its own process group and everything it spawns
/// (hooks, pack-objects, index-pack) is in it: one kill(-pgid) stops them all, even the ones that
/// fork while a /proc walk would be looking elsewhere.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;

    public static void Kill(int processGroupId)
    {
        // ESRCH (already gone) is the only failure, and a fine one.
        _ = kill(-processGroupId, SigKill);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
