using Paas.Runtime.Bundles;
using Paas.Runtime.Containers;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>The runtime's volatile state lives on a tmpfs of its own, mounted once and never over live files.</summary>
[Collection(ContainerCollection.Name)]
public sealed class VolatileStateTests(ContainerHost host)
{
    [Fact]
    public void TheRuntime_KeepsItsStateOnARootOnlyTmpfs()
    {
        host.Runtime();

        Assert.Equal("tmpfs", FsTypeOf(host.Paths.Run));
        // Root's; others may only pass through (runc, as the containers' unprivileged root, must reach their roots).
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(host.Paths.Run));
    }

    [Fact]
    public void Ensure_MountsAnEmptyDirOnce()
    {
        var dir = Directory.CreateTempSubdirectory("paas-run-test-").FullName;
        try
        {
            Assert.True(VolatileStateMount.Ensure(dir));
            Assert.True(VolatileStateMount.Ensure(dir));

            Assert.Equal("tmpfs", FsTypeOf(dir));
            Assert.Single(MountsAt(dir));
        }
        finally
        {
            OverlayMount.Unmount(dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Ensure_LeavesADirWithFilesAsItIs()
    {
        // State of a runtime that kept it on the disk: mounting over it would hide live containers.
        var dir = Directory.CreateTempSubdirectory("paas-run-test-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "state.json"), "{}");

            Assert.False(VolatileStateMount.Ensure(dir));

            Assert.Empty(MountsAt(dir));
            Assert.True(File.Exists(Path.Combine(dir, "state.json")));
        }
        finally
        {
            OverlayMount.Unmount(dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string[]> MountsAt(string dir) =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Where(f => f[4] == dir.TrimEnd('/')).ToList();

    /// <summary>The filesystem type of the topmost mount at <paramref name="dir"/> (after the " - " separator).</summary>
    private static string? FsTypeOf(string dir) =>
        MountsAt(dir).Select(f => f[Array.IndexOf(f, "-") + 1]).LastOrDefault();
}
