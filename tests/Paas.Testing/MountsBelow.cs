using System.Runtime.InteropServices;

namespace Paas.Testing;

/// <summary>
/// Detaches whatever is mounted below a test's directory (deepest first): a paasd started on it
/// mounts a tmpfs for its runtime state, and overlays for containers, which outlive that paasd.
/// </summary>
public static class MountsBelow
{
    private const int MntDetach = 2;

    public static void Unmount(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        var mounts = File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4].Replace("\\040", " "))
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();
        foreach (var mount in mounts) umount2(mount, MntDetach);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int umount2(string target, int flags);
}
