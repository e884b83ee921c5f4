using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Stacks;

/// <summary>
/// Removes a build directory that a chroot tool may have left mounts in (debootstrap binds the
/// host's /dev, mounts /proc and /sys). Everything below it is unmounted first: deleting through
/// a leftover bind of /dev would delete the host's device nodes.
/// </summary>
internal static class MountCleanup
{
    public static void UnmountAndDelete(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/');
        foreach (var mountPoint in MountsUnder(root).OrderByDescending(m => m.Length))
        {
            // Detach: a busy mount (a process still in the chroot) goes away once released.
            LibC.Check(LibC.Umount2(mountPoint, LibC.MntDetach), "umount2", mountPoint);
        }

        var left = MountsUnder(root).ToList();
        if (left.Count > 0)
        {
            throw new IOException($"cannot delete {root}: still mounted below it: {string.Join(", ", left)}");
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static IEnumerable<string> MountsUnder(string root) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))
            .Distinct();

    /// <summary>mountinfo writes space, tab, newline and backslash as \ooo octal.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        var chars = new List<char>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                chars.Add((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                chars.Add(field[i]);
            }
        }

        return new string([.. chars]);
    }
}
