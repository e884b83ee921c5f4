using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Images.Native;
using Paas.Runtime.Stacks;
using Paas.Runtime.Tests.Images;

namespace Paas.Runtime.Tests.Stacks;

public sealed class HostStackTests : IDisposable
{
    private readonly TempRuntimeRoot _root = new();
    private readonly StackStore _stacks;

    public HostStackTests() => _stacks = new StackStore(_root.Paths, _root.Store);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Create_Host_GivesAOneLayerImage_ThatResolvesToItsLowerDirAndReadOnlyHostBinds()
    {
        var stack = await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);

        Assert.Equal(new Stack("host", StackSource.Host, "stack/host", stack.CreatedAt), stack);
        var plan = await _root.Store.ResolveRootfsAsync("stack/host", CancellationToken.None);
        var layer = Assert.Single(plan.LowerDirs);
        Assert.Contains("app:x:1000:1000:app:/home/app:/bin/sh", File.ReadAllLines(Path.Combine(layer, "etc/passwd")));
        Assert.Contains("app:x:1000:", File.ReadAllLines(Path.Combine(layer, "etc/group")));
        Assert.Equal((1000u, 1000u), (FileStatus.Of(Path.Combine(layer, "home/app")).Uid, FileStatus.Of(Path.Combine(layer, "app")).Gid));
        Assert.Equal(0b1_111_111_111u, FileStatus.Of(Path.Combine(layer, "tmp")).Permissions);
        foreach (var mountPoint in new[] { "usr", "etc/ssl", "etc/alternatives", "proc", "sys", "dev" })
        {
            Assert.True(Directory.Exists(Path.Combine(layer, mountPoint)), mountPoint);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(layer, mountPoint)));
        }

        Assert.Contains(new BindMount("/usr", "/usr", true), plan.BindMounts);
        Assert.Contains(new BindMount("/etc/ssl", "/etc/ssl", true), plan.BindMounts);
        Assert.Contains(new BindMount("/etc/alternatives", "/etc/alternatives", true), plan.BindMounts);
        foreach (var top in new[] { "bin", "sbin", "lib", "lib64" })
        {
            // Merged /usr here: the same links as the host, and no bind for them; a real dir would be bound.
            var host = FileStatus.TryOf("/" + top);
            if (host is { IsSymlink: true })
            {
                Assert.Equal(new FileInfo("/" + top).LinkTarget, new FileInfo(Path.Combine(layer, top)).LinkTarget);
                Assert.DoesNotContain(plan.BindMounts, b => b.Source == "/" + top);
            }
            else if (host is { IsDirectory: true })
            {
                Assert.Contains(new BindMount("/" + top, "/" + top, true), plan.BindMounts);
            }
        }

        // Its own dpkg database, made from the host's; nothing of the host's /var/lib/dpkg is bound.
        Assert.Equal(DpkgStatusFilter.Filter(File.ReadAllText("/var/lib/dpkg/status")), File.ReadAllText(Path.Combine(layer, "var/lib/dpkg/status")));
        Assert.Equal(0b110_100_100u, FileStatus.Of(Path.Combine(layer, "var/lib/dpkg/status")).Permissions);
        Assert.DoesNotContain(plan.BindMounts, b => b.Source.StartsWith("/var", StringComparison.Ordinal));

        Assert.Equal(["host.json"], Directory.GetFileSystemEntries(_root.Paths.Stacks).Select(Path.GetFileName)); // the build dir is gone, the record stays
    }

    [Fact]
    public void Build_OnAHostWithoutDpkg_GivesAStackWithoutAPackageDatabase()
    {
        var hostRoot = _root.NewDir("not-debian");
        Directory.CreateDirectory(Path.Combine(hostRoot, "usr"));

        var rootfs = _root.NewDir("rootfs-a");

        var binds = HostStackBuilder.Build(rootfs, hostRoot);

        Assert.Equal(["/usr"], binds);
        Assert.True(Directory.Exists(Path.Combine(rootfs, "var/lib")));
        Assert.False(Directory.Exists(Path.Combine(rootfs, "var/lib/dpkg")));
    }

    [Fact]
    public void Build_CopiesTheHostsForeignArchitectures_AndFiltersItsStatus()
    {
        var hostRoot = _root.NewDir("multiarch");
        Directory.CreateDirectory(Path.Combine(hostRoot, "var/lib/dpkg/info"));
        File.WriteAllText(Path.Combine(hostRoot, "var/lib/dpkg/info/libc6.postinst"), "#!/bin/sh\n");
        File.WriteAllText(Path.Combine(hostRoot, "var/lib/dpkg/arch"), "amd64\ni386\n../etc/passwd\n");
        File.WriteAllText(Path.Combine(hostRoot, "var/lib/dpkg/status"),
            "Package: libc6\nStatus: install ok installed\nArchitecture: i386\nVersion: 1\nConffiles:\n /etc/x abc\n");
        var rootfs = _root.NewDir("rootfs-b");

        HostStackBuilder.Build(rootfs, hostRoot);

        Assert.Equal(["arch", "status"], Directory.GetFileSystemEntries(Path.Combine(rootfs, "var/lib/dpkg")).Select(Path.GetFileName).Order());
        Assert.Equal("amd64\ni386\n", File.ReadAllText(Path.Combine(rootfs, "var/lib/dpkg/arch")));
        Assert.Equal("Package: libc6\nStatus: install ok installed\nArchitecture: i386\nVersion: 1\n\n", File.ReadAllText(Path.Combine(rootfs, "var/lib/dpkg/status")));
    }

    [Fact]
    public async Task HostStack_RunsUnderRunc_AsTheAppUser()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync("stack/host", CancellationToken.None);

        var (exit, output) = RuncSmoke.Run(plan, _root.NewDir("runc"), 1000, 1000, "/usr/bin/id", "-un");

        Assert.True(exit == 0, $"runc run exited with {exit}: {output}");
        Assert.Equal("app", output.Trim());
    }

    [Fact]
    public async Task AppImage_CommittedOnTheHostStack_InheritsItsBinds_AndStacksOnItsLayer()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var slug = _root.NewDir("slug");
        File.WriteAllText(Path.Combine(slug, "Procfile"), "web: ./web\n");

        await _root.Store.CommitDirectoryAsync("shop/web:v1", slug, ImageConfig.Empty, "stack/host", CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync("shop/web:v1", CancellationToken.None);
        var stackPlan = await _root.Store.ResolveRootfsAsync("stack/host", CancellationToken.None);

        Assert.Equal(2, plan.LowerDirs.Count);
        Assert.Equal(stackPlan.LowerDirs[0], plan.LowerDirs[1]);
        Assert.Equal(stackPlan.BindMounts, plan.BindMounts);
        Assert.Equal(["host"], (await _stacks.ListAsync(CancellationToken.None)).Select(s => s.Name)); // the app image is no stack
    }

    [Fact]
    public async Task List_Find_Delete_SeeStacksAsImages()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        await _stacks.CreateAsync("small-2", StackSource.Host, CancellationToken.None);

        Assert.Equal(["host", "small-2"], (await _stacks.ListAsync(CancellationToken.None)).Select(s => s.Name));
        Assert.Equal(StackSource.Host, (await _stacks.FindAsync("small-2", CancellationToken.None))?.Source);
        await Assert.ThrowsAsync<StackAlreadyExistsException>(() => _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None));

        await _stacks.DeleteAsync("small-2", CancellationToken.None);

        Assert.Null(await _stacks.FindAsync("small-2", CancellationToken.None));
        Assert.Null(await _root.Store.FindAsync("stack/small-2", CancellationToken.None));
        await Assert.ThrowsAsync<StackNotFoundException>(() => _stacks.DeleteAsync("small-2", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_IsRefused_WhileAnImageIsBuiltOnTheStack_WhoseBindsComeFromItsRecord()
    {
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        await _root.Store.CommitDirectoryAsync("shop/web:v1", _root.NewDir("slug"), ImageConfig.Empty, "stack/host", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ImageInUseException>(() => _stacks.DeleteAsync("host", CancellationToken.None));

        Assert.Contains("shop/web:v1", error.Message);
        Assert.NotNull(await _stacks.FindAsync("host", CancellationToken.None));
        Assert.NotEmpty((await _root.Store.ResolveRootfsAsync("shop/web:v1", CancellationToken.None)).BindMounts);
        await _root.Store.DeleteAsync("shop/web:v1", CancellationToken.None);
        await _stacks.DeleteAsync("host", CancellationToken.None);
        Assert.Empty(Directory.GetFiles(_root.Paths.Stacks, "*.json"));
    }

    [Fact]
    public async Task Delete_IsAllowed_WhenAnotherStackHasTheSameLayer_AndTheImagesKeepTheirBinds()
    {
        // Two host stacks built in the same second are byte-identical (the layer keeps whole-second mtimes).
        await _stacks.CreateAsync("host", StackSource.Host, CancellationToken.None);
        var records = new StackRecords(_root.Paths.Stacks);
        records.Write(records.Find("host")! with { Name = "twin" });
        await _root.Store.CommitDirectoryAsync("shop/web:v1", _root.NewDir("slug"), ImageConfig.Empty, "stack/host", CancellationToken.None);
        var binds = (await _root.Store.ResolveRootfsAsync("shop/web:v1", CancellationToken.None)).BindMounts;

        await _stacks.DeleteAsync("host", CancellationToken.None);

        Assert.NotEmpty(binds);
        Assert.Equal(binds, (await _root.Store.ResolveRootfsAsync("shop/web:v1", CancellationToken.None)).BindMounts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host")]
    [InlineData("9lives")]
    [InlineData("-dash")]
    [InlineData("has space")]
    [InlineData("host\n")]
    [InlineData("a-very-long-name-that-goes-on-and-on-and-on-past-the-sixty-three-chars")]
    public async Task Create_RejectsAnInvalidName_AndBuildsNothing(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _stacks.CreateAsync(name, StackSource.Host, CancellationToken.None));

        Assert.Contains("invalid stack name", error.Message);
        Assert.Empty(await _root.Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public void AptMirror_ReadsOneLineAndDeb822Sources()
    {
        Assert.Equal("http://mirror.example/debian", AptMirror.FromOneLine(
            "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main\n", "bookworm"));
        Assert.Null(AptMirror.FromOneLine("deb http://security.example/debian-security bookworm-security main\n", "bookworm"));
        Assert.Equal("http://deb.example/debian", AptMirror.FromDeb822("""
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://deb.example/debian
            Suites: bookworm bookworm-updates
            Components: main

            Types: deb
            URIs: http://deb.example/debian-security
            Suites: bookworm-security
            """, "bookworm"));
        Assert.Null(AptMirror.FromDeb822("Types: deb\nURIs: http://x/debian\nSuites: bookworm\nEnabled: no\n", "bookworm"));
    }
}
