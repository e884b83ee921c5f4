using System.Formats.Tar;
using Paas.Core.Images;
using Paas.Runtime.Images.Native;
using static Paas.Runtime.Tests.Images.OciArchiveBuilder;

namespace Paas.Runtime.Tests.Images;

public sealed class LayerUnpackTests : IDisposable
{
    private readonly TempRuntimeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Whiteouts_InAnUpperLayer_HideFilesAndDirsOfLowerLayers_InTheMountedOverlay()
    {
        var archive = new OciArchiveBuilder()
            .Layer(gzip: true,
                Dir("etc/"), File("etc/keep", "keep"), File("etc/gone", "gone"),
                Dir("data/"), File("data/old1", "1"), File("data/old2", "2"),
                Dir("cache/"), File("cache/x", "x"))
            .Layer(gzip: false,
                File("etc/.wh.gone", ""), File(".wh.cache", ""),
                Dir("data/"), File("data/.wh..wh..opq", ""), File("data/new", "new"))
            .Build();
        await _root.Store.ImportAsync(new MemoryStream(archive), "whiteouts", CancellationToken.None);

        var plan = await _root.Store.ResolveRootfsAsync("whiteouts", CancellationToken.None);

        // In the layer dir itself: overlayfs whiteouts, not OCI ones.
        var upper = plan.LowerDirs[0];
        var whiteout = FileStatus.Of(Path.Combine(upper, "etc", "gone"));
        Assert.Equal(LibC.SIfChr, whiteout.Type);
        Assert.Equal((0u, 0u), (whiteout.RDevMajor, whiteout.RDevMinor));
        Assert.False(System.IO.File.Exists(Path.Combine(upper, "etc", ".wh.gone")));
        Assert.Equal("y", Xattr.Get(Path.Combine(upper, "data"), "trusted.overlay.opaque"));

        using var overlay = new OverlayMount(plan.LowerDirs, Path.Combine(_root.Root, "mnt"));
        Assert.Equal("keep", System.IO.File.ReadAllText(Path.Combine(overlay.Path, "etc", "keep")));
        Assert.False(System.IO.File.Exists(Path.Combine(overlay.Path, "etc", "gone")));
        Assert.False(Directory.Exists(Path.Combine(overlay.Path, "cache")));
        Assert.Equal(["new"], Directory.GetFileSystemEntries(Path.Combine(overlay.Path, "data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ImportedLayer_WithSymlinkHardLinkAndModes_UnpacksAsWritten()
    {
        var archive = new OciArchiveBuilder()
            .Layer(gzip: true,
                Dir("bin/"), File("bin/tool", "#!/bin/sh\n", (UnixFileMode)0b111_101_101 | UnixFileMode.SetUser, uid: 0),
                HardLink("bin/tool2", "bin/tool"), Symlink("bin/sh", "/usr/bin/dash"), Dir("home/app/", uid: 1000))
            .Build();
        await _root.Store.ImportAsync(new MemoryStream(archive), "modes", CancellationToken.None);

        var layer = (await _root.Store.ResolveRootfsAsync("modes", CancellationToken.None)).LowerDirs[0];

        var tool = FileStatus.Of(Path.Combine(layer, "bin/tool"));
        Assert.Equal(0b100_111_101_101u, tool.Permissions); // setuid survives the chown
        Assert.Equal(tool.Inode, FileStatus.Of(Path.Combine(layer, "bin/tool2")).Inode);
        Assert.Equal("/usr/bin/dash", new FileInfo(Path.Combine(layer, "bin/sh")).LinkTarget);
        Assert.Equal(1000u, FileStatus.Of(Path.Combine(layer, "home/app")).Uid);
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("etc/../../escaped")]
    public async Task Import_RejectsALayerEntryThatClimbsOut(string name)
    {
        var archive = new OciArchiveBuilder().Layer(gzip: false, File(name, "x")).Build();

        var error = await Assert.ThrowsAsync<InvalidImageException>(() =>
            _root.Store.ImportAsync(new MemoryStream(archive), "climb", CancellationToken.None));

        Assert.Contains("'..'", error.Message);
        Assert.False(System.IO.File.Exists(Path.Combine(_root.Root, "escaped")));
        Assert.Null(await _root.Store.FindAsync("climb", CancellationToken.None));
    }

    [Fact]
    public async Task Unpack_RefusesToWriteThroughASymlinkTheLayerCreated()
    {
        // Imports refuse such a layer already (Security/ArchiveImportTests); the unpacker keeps its
        // own check for layers that reach it any other way.
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(Symlink("etc", "/tmp"));
            writer.WriteEntry(File("etc/evil", "x"));
        }

        tar.Position = 0;
        var target = _root.NewDir("through-link");

        var error = await Assert.ThrowsAsync<InvalidImageException>(() =>
            Paas.Runtime.Images.Layers.LayerUnpacker.UnpackAsync(tar, target, mapping: null, CancellationToken.None));

        Assert.Contains("symlink", error.Message);
        Assert.False(System.IO.File.Exists("/tmp/evil"));
    }

    [Fact]
    public async Task LayerCache_ConcurrentResolves_UnpackEachLayerOnce()
    {
        var archive = new OciArchiveBuilder().Layer(gzip: true, Dir("a/"), File("a/b", "b")).Build();
        await _root.Store.ImportAsync(new MemoryStream(archive), "parallel", CancellationToken.None);

        var plans = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => _root.Store.ResolveRootfsAsync("parallel", CancellationToken.None))));

        Assert.Single(plans.Select(p => p.LowerDirs[0]).Distinct());
        Assert.Single(Directory.GetDirectories(_root.Paths.Layers));
        Assert.Equal("b", System.IO.File.ReadAllText(Path.Combine(plans[0].LowerDirs[0], "a", "b")));
    }
}
