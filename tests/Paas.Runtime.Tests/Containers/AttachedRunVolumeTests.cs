using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Images.Native;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>
/// Volumes of an attached run, set up the way a build container's are: a build dir and a cache
/// under $ROOT/builds and $ROOT/cache, an env dir, and a read-only buildpacks dir outside $ROOT.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class AttachedRunVolumeTests(ContainerHost host) : IDisposable
{
    private const uint AppUid = 1000;
    private const uint Private = 0b111_000_000;
    private const uint Readable = 0b111_101_101;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private readonly string _buildpacks = Directory.CreateTempSubdirectory("paas-buildpacks-test-").FullName;
    private readonly List<string> _made = [];

    /// <summary>What a build runner configures: $ROOT/builds, $ROOT/cache and the buildpacks install dir.</summary>
    private ContainerRuntime BuildRuntime() => new(
        host.Paths, host.Images,
        new ContainerRuntimeOptions
        {
            AllowedVolumeRoots = [Path.Combine(host.Paths.Root, "builds"), Path.Combine(host.Paths.Root, "cache"), _buildpacks],
            UserNamespace = host.UserNamespace,
        },
        TimeProvider.System);

    [Fact]
    public async Task BuildLikeVolumes_ReadWriteForTheBuildUser_ReadOnlyReallyReadOnly()
    {
        using var runtime = BuildRuntime();
        var (uid, gid) = runtime.ToHostIds(AppUid, AppUid);
        var build = OwnedDir("builds", Guid.NewGuid().ToString("N"), uid, gid);
        var cache = OwnedDir("cache", Guid.NewGuid().ToString("N"), uid, gid);
        var env = OwnedDir("builds", Guid.NewGuid().ToString("N") + "-env", uid, gid);
        File.WriteAllText(Path.Combine(env, "GREETING"), "hello");
        File.WriteAllText(Path.Combine(build, "app.txt"), "source");
        // Installed like a package's files: root's, world-readable (the temp dir starts out 0700).
        Chmod(_buildpacks, Readable);
        Directory.CreateDirectory(Path.Combine(_buildpacks, "00-demo", "bin"));
        File.WriteAllText(Path.Combine(_buildpacks, "00-demo", "bin", "detect"), "#!/bin/sh\necho Demo\n");
        Chmod(Path.Combine(_buildpacks, "00-demo", "bin", "detect"), Readable);

        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", """
            /tmp/buildpacks/00-demo/bin/detect /tmp/build
            cat /tmp/build/app.txt; echo
            cat /tmp/env/GREETING; echo
            echo compiled > /tmp/build/slug.txt && echo build-written
            echo cached > /tmp/cache/deps.txt && echo cache-written
            touch /tmp/buildpacks/x || echo buildpacks-refused
            touch /tmp/env/x || echo env-refused
            """) with
        {
            Volumes =
            [
                new VolumeMount(build, "/tmp/build", ReadOnly: false),
                new VolumeMount(cache, "/tmp/cache", ReadOnly: false),
                new VolumeMount(env, "/tmp/env", ReadOnly: true),
                new VolumeMount(_buildpacks, "/tmp/buildpacks", ReadOnly: true),
            ],
        };

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        Assert.Equal(["Demo", "source", "hello", "build-written", "cache-written", "buildpacks-refused", "env-refused"], output.Of(LogStream.Stdout));
        Assert.Contains(output.Of(LogStream.Stderr), l => l.Contains("/tmp/env/x") && l.Contains("Read-only file system"));
        Assert.Equal("compiled\n", File.ReadAllText(Path.Combine(build, "slug.txt")));
        Assert.Equal("cached\n", File.ReadAllText(Path.Combine(cache, "deps.txt")));
        Assert.Equal(uid, FileStatus.Of(Path.Combine(build, "slug.txt")).Uid);
        Assert.False(File.Exists(Path.Combine(_buildpacks, "x")));
        Assert.False(File.Exists(Path.Combine(env, "x")));
        // The volumes stay, with what the run left in them.
        Assert.True(Directory.Exists(build) && Directory.Exists(cache));
    }

    [Fact]
    public async Task ReadOnlyVolume_RefusesContainerRoot_EvenOnADirItOwns()
    {
        using var runtime = BuildRuntime();
        var (uid, gid) = runtime.ToHostIds(0, 0);
        var dir = OwnedDir("cache", Guid.NewGuid().ToString("N"), uid, gid);
        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", "touch /ro/x || echo refused; mount -o remount,rw /ro || echo remount-refused; touch /ro/y || echo still-refused") with
        {
            User = "root",
            Volumes = [new VolumeMount(dir, "/ro", ReadOnly: true)],
        };

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        Assert.Equal(["refused", "remount-refused", "still-refused"], output.Of(LogStream.Stdout));
        Assert.Contains(output.Of(LogStream.Stderr), l => l.Contains("Read-only file system"));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task DirChownedToHostIdsOfUid1000_IsWritableByUid1000Only()
    {
        using var runtime = BuildRuntime();
        var (uid, gid) = runtime.ToHostIds(AppUid, AppUid);
        Assert.Equal((host.UserNamespace.ToHostUid(AppUid), host.UserNamespace.ToHostGid(AppUid)), (uid, gid));
        var dir = OwnedDir("builds", Guid.NewGuid().ToString("N"), uid, gid);
        var volume = new VolumeMount(dir, "/data", ReadOnly: false);

        var app = new RecordingOutput();
        var asApp = await runtime.RunAttachedAsync(
            ContainerHost.Spec("sh", "-c", "id -u; echo mine > /data/by-app && echo written") with { Volumes = [volume] }, app, Long, CancellationToken.None);
        var other = new RecordingOutput();
        var asOther = await runtime.RunAttachedAsync(
            ContainerHost.Spec("sh", "-c", "id -u; echo theirs > /data/by-other && echo written") with { User = "1001:1001", Volumes = [volume] },
            other, Long, CancellationToken.None);

        Assert.Equal(0, asApp.ExitCode);
        Assert.Equal(["1000", "written"], app.Of(LogStream.Stdout));
        Assert.Equal(uid, FileStatus.Of(Path.Combine(dir, "by-app")).Uid);
        Assert.NotEqual(0, asOther.ExitCode);
        Assert.Equal(["1001"], other.Of(LogStream.Stdout));
        Assert.Contains(other.Of(LogStream.Stderr), l => l.Contains("Permission denied"));
        Assert.False(File.Exists(Path.Combine(dir, "by-other")));
    }

    [Fact]
    public async Task VolumeOutsideTheAllowedRoots_IsRefused_AndNothingIsLeft()
    {
        using var runtime = BuildRuntime();
        var hostname = RunningContainers.UniqueHostname();
        var spec = ContainerHost.Spec("true") with { Hostname = hostname, Volumes = [new VolumeMount("/etc", "/host-etc", ReadOnly: true)] };

        var e = await Assert.ThrowsAsync<InvalidContainerSpecException>(() =>
            runtime.RunAttachedAsync(spec, new RecordingOutput(), Long, CancellationToken.None));

        Assert.Contains("outside the allowed roots", e.Message);
        Assert.DoesNotContain(await runtime.ListAsync(CancellationToken.None), c => c.Spec.Hostname == hostname);
    }

    [Fact]
    public async Task VolumeBelowADirOnlyHostRootMayEnter_IsStillUsable_SoBuildDirsNeedNoOpenParents()
    {
        using var runtime = BuildRuntime();
        var (uid, gid) = runtime.ToHostIds(AppUid, AppUid);
        var parent = OwnedDir("cache", Guid.NewGuid().ToString("N"), 0, 0); // 0700, host root's
        var dir = Directory.CreateDirectory(Path.Combine(parent, "inner")).FullName;
        LibC.Check(LibC.LChown(dir, uid, gid), "lchown", dir);
        var output = new RecordingOutput();
        var spec = ContainerHost.Spec("sh", "-c", "echo x > /data/f && echo written") with { Volumes = [new VolumeMount(dir, "/data", ReadOnly: false)] };

        var info = await runtime.RunAttachedAsync(spec, output, Long, CancellationToken.None);

        Assert.Equal(0, info.ExitCode);
        Assert.Equal(["written"], output.Of(LogStream.Stdout));
        Assert.Equal(uid, FileStatus.Of(Path.Combine(dir, "f")).Uid);
    }

    /// <summary>$ROOT/AREA (host root's alone: runc binds a volume before the container's root needs a way to it) / NAME owned by the ids, private.</summary>
    private string OwnedDir(string area, string name, uint uid, uint gid)
    {
        var parent = Directory.CreateDirectory(Path.Combine(host.Paths.Root, area)).FullName;
        Chmod(parent, Private);
        var dir = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        _made.Add(dir);
        LibC.Check(LibC.LChown(dir, uid, gid), "lchown", dir);
        Chmod(dir, Private);
        return dir;
    }

    private static void Chmod(string path, uint mode) => LibC.Check(LibC.Chmod(path, mode), "chmod", path);

    public void Dispose()
    {
        foreach (var dir in _made) Directory.Delete(dir, recursive: true);
        Directory.Delete(_buildpacks, recursive: true);
    }
}
