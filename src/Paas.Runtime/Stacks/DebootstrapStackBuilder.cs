using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The `debootstrap` stack: Debian bookworm minbase plus what the built-in buildpacks need, with
/// an unprivileged `app` user (uid/gid 1000). Two steps, because debootstrap's own --include
/// cannot configure npm's dependency cycles (dpkg leaves node-* unconfigured and it gives up):
/// debootstrap the base, then apt-get the packages inside it.
/// </summary>
internal static class DebootstrapStackBuilder
{
    public const string Suite = "bookworm";

    public static readonly IReadOnlyList<string> Packages =
        ["bash", "ca-certificates", "nodejs", "npm", "python3", "python3-venv", "golang", "nginx-light", "git", "tini"];

    private static readonly Dictionary<string, string> ChrootEnvironment = new()
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["LC_ALL"] = "C",
        ["HOME"] = "/root",
    };

    public static async Task BuildAsync(string rootfs, string mirror, BuildStepRunner run, CancellationToken ct)
    {
        await run.RunAsync("debootstrap", ["--variant=minbase", Suite, rootfs, mirror], ChrootEnvironment, ct);

        // No daemon may start inside the chroot while packages install.
        var policy = Path.Combine(rootfs, "usr/sbin/policy-rc.d");
        await File.WriteAllTextAsync(policy, "#!/bin/sh\nexit 101\n", ct);
        LibC.Check(LibC.Chmod(policy, 0b111_101_101), "chmod", policy);

        // dpkg fsyncs every file it unpacks; the tree is committed (and its blob fsynced) as a
        // whole afterwards, so a crash just means building again. Minutes saved on a 1 GB install.
        var unsafeIo = Path.Combine(rootfs, "etc/dpkg/dpkg.cfg.d/paas-unsafe-io");
        await File.WriteAllTextAsync(unsafeIo, "force-unsafe-io\n", ct);
        try
        {
            // debootstrap leaves the package lists of the mirror it used; no update needed.
            // Retries ride out a mirror that drops a connection, which would otherwise fail a minutes-long build.
            await ChrootAsync(run, rootfs, ct, ["apt-get", "-o", "Acquire::Retries=5", "install", "--yes", "--no-install-recommends", .. Packages]);
            await ChrootAsync(run, rootfs, ct, "useradd", "--create-home", "--uid", "1000", "--user-group", "--shell", "/bin/bash", "app");
            await ChrootAsync(run, rootfs, ct, "install", "--directory", "--owner=app", "--group=app", "--mode=0755", "/app");
            await ChrootAsync(run, rootfs, ct, "apt-get", "clean");
        }
        finally
        {
            File.Delete(policy);
            File.Delete(unsafeIo);
        }

        // What only the build needed: package lists, the host's resolver and name.
        var lists = Path.Combine(rootfs, "var/lib/apt/lists");
        foreach (var entry in Directory.EnumerateFiles(lists))
        {
            File.Delete(entry);
        }

        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc/resolv.conf"), "", ct);
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc/hostname"), "", ct);
    }

    private static Task ChrootAsync(BuildStepRunner run, string rootfs, CancellationToken ct, params string[] command) =>
        run.RunAsync("chroot", [rootfs, .. command], ChrootEnvironment, ct);
}
