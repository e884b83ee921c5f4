using System.Runtime.InteropServices;
using Paas.Core.Containers;
using Paas.Runtime.Bundles;

namespace Paas.Runtime.Containers;

/// <summary>
/// Puts <see cref="RuntimePaths.Run"/> on a tmpfs of its own, as Docker and Podman keep their
/// runtime state under /run (which is not a tmpfs on every host, this one included). Mounted in
/// the host's namespace, it outlives paasd like the containers do. A directory that already holds
/// files and is not a mount point is left as it is: mounting over it would hide live state.
/// </summary>
public static class VolatileStateMount
{
    private const ulong MsNosuid = 2;
    private const ulong MsNodev = 4;

    /// <summary>True when the directory is (now) a mount of its own.</summary>
    public static bool Ensure(string dir)
    {
        if (OverlayMount.IsMounted(dir)) return true;
        Directory.CreateDirectory(dir);
        if (Directory.EnumerateFileSystemEntries(dir).Any()) return false;
        // Small files only (bundles, pid files, sockets, records: tens of KB per container); the
        // cap only stops a runaway, pages are used as needed. Root only: config.json holds the
        // apps' environment, secrets included (0711: runc, as the container's root, must reach the
        // container roots below; nothing here can be listed). Without the privilege to mount (not root: then
        // no container can run either) the state stays on the disk, which works, only slower.
        return mount("tmpfs", dir, "tmpfs", MsNosuid | MsNodev, "mode=0711,size=256m") == 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mount(string source, string target, string fstype, ulong flags, string data);
}
