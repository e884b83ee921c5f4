using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The `host` stack: a tiny layer (users, name service files, mount points) whose programs and
/// libraries come from read-only binds of the host's /usr, /etc/ssl, /etc/alternatives and
/// /var/lib/dpkg, plus /bin, /sbin and /lib* where they are real directories (hosts without merged /usr).
/// </summary>
internal static class HostStackBuilder
{
    public const uint AppUid = 1000;
    public const uint AppGid = 1000;

    // /var/lib/dpkg is the database of what /usr holds: the apt buildpack reads it to fetch only the
    // packages the stack lacks (without it apt would unpack a second C library over the host's).
    private static readonly string[] AlwaysBound = ["/usr", "/etc/ssl", "/etc/alternatives", "/var/lib/dpkg"];
    private static readonly string[] TopLevelDirs = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

    /// <summary>Fills <paramref name="rootfs"/> and returns the host paths to bind.</summary>
    public static IReadOnlyList<string> Build(string rootfs, string hostRoot = "/")
    {
        var binds = new List<string>();
        foreach (var path in AlwaysBound)
        {
            if (Directory.Exists(Path.Combine(hostRoot, path.TrimStart('/'))))
            {
                MakeDir(rootfs, path.TrimStart('/'), 0b111_101_101);
                binds.Add(path);
            }
        }

        foreach (var name in TopLevelDirs)
        {
            var host = FileStatus.TryOf(Path.Combine(hostRoot, name));
            if (host is { IsSymlink: true })
            {
                // Merged /usr: keep the same link (bin -> usr/bin); it resolves inside the bound /usr.
                File.CreateSymbolicLink(Path.Combine(rootfs, name), new FileInfo(Path.Combine(hostRoot, name)).LinkTarget!);
            }
            else if (host is { IsDirectory: true })
            {
                MakeDir(rootfs, name, 0b111_101_101);
                binds.Add("/" + name);
            }
        }

        foreach (var dir in new[] { "etc", "proc", "sys", "dev", "run", "home", "var", "var/lib", "var/cache", "var/log" })
        {
            MakeDir(rootfs, dir, 0b111_101_101);
        }

        MakeDir(rootfs, "root", 0b111_000_000);
        MakeDir(rootfs, "tmp", 0b1_111_111_111);
        MakeDir(rootfs, "var/tmp", 0b1_111_111_111);
        MakeDir(rootfs, "app", 0b111_101_101, AppUid, AppGid);
        MakeDir(rootfs, "home/app", 0b111_101_101, AppUid, AppGid);

        WriteFile(rootfs, "etc/passwd", """
            root:x:0:0:root:/root:/bin/sh
            app:x:1000:1000:app:/home/app:/bin/sh
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin

            """);
        WriteFile(rootfs, "etc/group", """
            root:x:0:
            app:x:1000:
            nogroup:x:65534:

            """);
        WriteFile(rootfs, "etc/nsswitch.conf", """
            passwd: files
            group: files
            shadow: files
            hosts: files dns

            """);
        // Placeholders the container runtime binds its own over (hostname, hosts, resolv.conf).
        WriteFile(rootfs, "etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
        WriteFile(rootfs, "etc/hostname", "");
        WriteFile(rootfs, "etc/resolv.conf", "");
        File.CreateSymbolicLink(Path.Combine(rootfs, "etc/os-release"), "../usr/lib/os-release");
        return binds;
    }

    private static void MakeDir(string rootfs, string relative, uint mode, uint uid = 0, uint gid = 0)
    {
        var path = Path.Combine(rootfs, relative);
        Directory.CreateDirectory(path);
        LibC.Check(LibC.LChown(path, uid, gid), "lchown", path);
        LibC.Check(LibC.Chmod(path, mode), "chmod", path);
    }

    private static void WriteFile(string rootfs, string relative, string content)
    {
        var path = Path.Combine(rootfs, relative);
        File.WriteAllText(path, content.Replace("\r", ""));
        LibC.Check(LibC.LChown(path, 0, 0), "lchown", path);
        LibC.Check(LibC.Chmod(path, 0b110_100_100), "chmod", path);
    }
}
