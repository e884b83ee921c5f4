using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The `host` stack: a tiny layer (users, name service files, mount points) whose programs and
/// libraries come from read-only binds of the host's /usr, /etc/ssl and /etc/alternatives, plus
/// /bin, /sbin and /lib* where they are real directories (hosts without merged /usr). Its dpkg
/// database is a filtered copy of the host's made now (<see cref="DpkgStatusFilter"/>), never a bind.
/// </summary>
internal static class HostStackBuilder
{
    public const uint AppUid = 1000;
    public const uint AppGid = 1000;

    private static readonly string[] AlwaysBound = ["/usr", "/etc/ssl", "/etc/alternatives"];
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
        WriteDpkgDatabase(rootfs, hostRoot);
        return binds;
    }

    /// <summary>
    /// What the bound /usr holds, for apt (the apt buildpack fetches only the packages the stack lacks;
    /// without it apt would unpack a second C library over the host's). A snapshot: the stack is not
    /// rebuilt when the host's packages change, since images built on it keep its layer.
    /// </summary>
    private static void WriteDpkgDatabase(string rootfs, string hostRoot)
    {
        var hostDpkg = Path.Combine(hostRoot, "var/lib/dpkg");
        var hostStatus = Path.Combine(hostDpkg, "status");
        if (!File.Exists(hostStatus))
        {
            return; // Not a Debian host: the stack has no package database, as before.
        }

        MakeDir(rootfs, "var/lib/dpkg", 0b111_101_101);
        WriteFile(rootfs, "var/lib/dpkg/status", DpkgStatusFilter.Filter(File.ReadAllText(hostStatus)));
        // dpkg --print-foreign-architectures reads `arch` (only on multiarch hosts): names, nothing else.
        var hostArch = Path.Combine(hostDpkg, "arch");
        if (File.Exists(hostArch))
        {
            var names = File.ReadAllLines(hostArch).Select(l => l.Trim()).Where(l => l.Length > 0 && l.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
            WriteFile(rootfs, "var/lib/dpkg/arch", string.Concat(names.Select(n => n + "\n")));
        }
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
