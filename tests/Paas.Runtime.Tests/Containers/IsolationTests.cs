using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

[Collection(ContainerCollection.Name)]
public sealed class IsolationTests(ContainerHost host)
{
    [Fact]
    public async Task Container_SeesOnlyItsOwnProcesses_WithInitAsPid1_AndItsOwnHostname()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));
        Assert.Equal(ContainerStatus.Running, info.Status);

        var pid1 = await scope.ExecAsync(info.Id, "cat", "/proc/1/cmdline");
        Assert.StartsWith("/dev/init", pid1.Replace('\0', ' '));

        var pids = (await scope.ExecAsync(info.Id, "ls", "/proc"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(p => p.All(char.IsDigit)).Select(int.Parse).ToList();
        // init, sleep and the ls itself: nothing from the host.
        Assert.True(pids.Count <= 3, $"container sees {pids.Count} processes: {string.Join(',', pids)}");
        Assert.Contains(1, pids);

        Assert.Equal("demo.web.1", (await scope.ExecAsync(info.Id, "hostname")).Trim());
        Assert.Equal("1000", (await scope.ExecAsync(info.Id, "id", "-u")).Trim());
    }

    [Fact]
    public async Task AppProcess_HasNoCapabilities_NoNewPrivileges_AndSeccomp()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300"));

        var status = await scope.ExecAsync(info.Id, "cat", "/proc/self/status");
        Assert.Contains("NoNewPrivs:\t1", status);
        Assert.Contains("Seccomp:\t2", status);
        Assert.Contains("CapEff:\t0000000000000000", status);
        Assert.Contains("CapBnd:\t0000000000000000", status);
        Assert.Contains("CapInh:\t0000000000000000", status);
        // Namespace creation is filtered by seccomp even where the kernel would allow it unprivileged.
        var unshare = await scope.Runtime.ExecAsync(info.Id, ["unshare", "--user", "true"], null, TimeSpan.FromSeconds(10), default);
        Assert.NotEqual(0, unshare.ExitCode);
    }

    [Fact]
    public async Task RootProcess_GetsDockersDefaultCapabilities_NeverInheritable_AndMaskedProcPaths()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { User = "root" });

        var status = await scope.ExecAsync(info.Id, "cat", "/proc/self/status");
        // Docker's a80425fb without CAP_NET_RAW (bit 13).
        Assert.Contains("CapBnd:\t00000000a80405fb", status);
        Assert.Contains("CapInh:\t0000000000000000", status);
        // Masked: present on the host with content, empty (a /dev/null bind) in the container.
        Assert.NotEqual("", await File.ReadAllTextAsync("/proc/interrupts"));
        Assert.Equal("", await scope.ExecAsync(info.Id, "cat", "/proc/interrupts"));
        var write = await scope.Runtime.ExecAsync(info.Id, ["sh", "-c", "echo 1 > /proc/sys/kernel/panic"], null, TimeSpan.FromSeconds(10), default);
        Assert.NotEqual(0, write.ExitCode);
        var mount = await scope.Runtime.ExecAsync(info.Id, ["mount", "-t", "tmpfs", "x", "/mnt"], null, TimeSpan.FromSeconds(10), default);
        Assert.NotEqual(0, mount.ExitCode);
    }

    [Fact]
    public async Task HostFiles_OutsideRootfsAndMounts_AreNotReachable()
    {
        var secret = Path.Combine(host.Paths.Root, "host-secret.txt");
        await File.WriteAllTextAsync(secret, "top secret");
        await using var scope = new ContainerScope(host.Runtime());
        var info = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { User = "root" });

        // The host's dpkg directory (maintainer scripts, conffile lists, the old status) stays the host's:
        // only /var/lib/dpkg/status exists, the host stack's own filtered copy.
        var hostDpkgOnly = new[] { "/var/lib/dpkg/info", "/var/lib/dpkg/status-old", "/var/lib/dpkg/available", "/var/lib/dpkg/diversions", "/var/lib/dpkg/lock" };
        foreach (var path in new[] { secret, "/work", "/root/.nuget", host.Paths.Layers }.Concat(hostDpkgOnly))
        {
            var result = await scope.Runtime.ExecAsync(info.Id, ["ls", path], null, TimeSpan.FromSeconds(10), default);
            Assert.True(result.ExitCode != 0, $"{path} is visible in the container: {result.Stdout}");
        }
        var root = await scope.ExecAsync(info.Id, "ls", "/");
        Assert.DoesNotContain("work", root.Split('\n'));
        Assert.Equal(["status"], (await scope.ExecAsync(info.Id, "ls", "-A", "/var/lib/dpkg")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" /var/lib/dpkg", await scope.ExecAsync(info.Id, "cat", "/proc/self/mountinfo"));
        var status = await scope.ExecAsync(info.Id, "cat", "/var/lib/dpkg/status");
        Assert.Contains("Package: libc6\n", status);
        Assert.NotEqual(await File.ReadAllTextAsync("/var/lib/dpkg/status"), status);
        foreach (var hostOnlyField in new[] { "\nConffiles:", "\nDescription:", "\nMaintainer:", "\nInstalled-Size:" })
        {
            Assert.DoesNotContain(hostOnlyField, status);
        }
    }

    [Fact]
    public async Task LowerLayers_AreReadOnly_AndTwoContainersShareThem_OnlyUpperDirsGrow()
    {
        await using var scope = new ContainerScope(host.Runtime());
        var layersBefore = DirectorySize(host.Paths.Layers);
        var a = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { User = "root" });
        var b = await scope.RunAsync(ContainerHost.Spec("sleep", "300") with { User = "root" });

        // A 1 MiB write lands in a's upper dir only.
        await scope.ExecAsync(a.Id, "sh", "-c", "head -c 1048576 /dev/zero > /etc/written-by-a && echo changed >> /etc/passwd");
        Assert.Contains("written-by-a", await scope.ExecAsync(a.Id, "ls", "/etc"));
        Assert.DoesNotContain("written-by-a", await scope.ExecAsync(b.Id, "ls", "/etc"));
        Assert.DoesNotContain("changed", await scope.ExecAsync(b.Id, "cat", "/etc/passwd"));

        Assert.Equal(layersBefore, DirectorySize(host.Paths.Layers));
        var upperA = new ContainerDirectory(host.Paths, a.Id).Upper;
        Assert.True(File.Exists(Path.Combine(upperA, "etc", "written-by-a")));
        Assert.True(DirectorySize(upperA) >= 1048576);
        Assert.True(DirectorySize(new ContainerDirectory(host.Paths, b.Id).Upper) < 64 * 1024);

        // The stack's host binds are read-only even for root.
        var usr = await scope.Runtime.ExecAsync(a.Id, ["touch", "/usr/bin/evil"], null, TimeSpan.FromSeconds(10), default);
        Assert.NotEqual(0, usr.ExitCode);
        Assert.False(File.Exists("/usr/bin/evil"));
    }

    private static long DirectorySize(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => f.LinkTarget is null).Sum(f => f.Length);
}
