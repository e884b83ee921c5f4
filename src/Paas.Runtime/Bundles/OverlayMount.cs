using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Paas.Runtime.Bundles;

/// <summary>
/// The container's root: an overlay of shared read-only layers with a private upper dir.
/// Mounted in the host namespace so it outlives paasd with the container.
/// </summary>
public static class OverlayMount
{
    private const int MntDetach = 2;
    private const ulong MsNosuid = 2;
    private const ulong MsNodev = 4;
    private const int Einval = 22;
    private const int Enoent = 2;

    /// <summary>lowerDirs are top-most first, as overlayfs wants them.</summary>
    public static void Mount(IReadOnlyList<string> lowerDirs, string upper, string work, string target)
    {
        if (lowerDirs.Count == 0)
            throw new ArgumentException("an overlay needs at least one lower dir", nameof(lowerDirs));
        foreach (var dir in lowerDirs.Append(upper).Append(work))
            if (dir.Contains(',') || dir.Contains(':'))
                throw new ArgumentException($"overlay dir '{dir}' contains ',' or ':', which overlayfs cannot take");
        // A single lower dir with an empty upper is still a valid overlay; keep index off so layers
        // shared by many containers never get bound to one upper.
        var data = $"lowerdir={string.Join(':', lowerDirs)},upperdir={upper},workdir={work},index=off";
        // nosuid, nodev: the mount point is on a path runc must traverse as the container's root, so
        // a host user may reach it too; a setuid file or a device node a container made stays inert
        // there. (In the container, noNewPrivileges already keeps setuid bits from working.)
        if (mount("overlay", target, "overlay", MsNosuid | MsNodev, data) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"mount overlay on {target} failed: {new Win32Exception(errno).Message} (errno {errno}; lowerdir {string.Join(':', lowerDirs)})");
        }
    }

    /// <summary>Lazy unmount; "not mounted" and "gone" count as done.</summary>
    public static void Unmount(string target)
    {
        if (umount2(target, MntDetach) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is Einval or Enoent) return;
        throw new IOException($"umount {target} failed: {new Win32Exception(errno).Message} (errno {errno})");
    }

    public static bool IsMounted(string target)
    {
        var full = Path.GetFullPath(target).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Any(f => f.Length > 4 && Unescape(f[4]) == full);
    }

    private static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");

    [DllImport("libc", SetLastError = true)]
    private static extern int mount(string source, string target, string fstype, ulong flags, string data);

    [DllImport("libc", SetLastError = true)]
    private static extern int umount2(string target, int flags);
}
