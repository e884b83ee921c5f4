using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Paas.Core.Images;
using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Tests.Images;

public sealed class CommitTests : IDisposable
{
    private readonly TempRuntimeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Commit_WritesContentAddressedBlobs_AndAManifestThatReferencesConfigAndLayer()
    {
        var dir = _root.NewDir("src");
        File.WriteAllText(Path.Combine(dir, "hello.txt"), "hello");
        var config = new ImageConfig(["PATH=/usr/bin:/bin", "PORT=5000"], ["/usr/bin/tini", "--"], ["web"], "/app", "1000:1000",
            new Dictionary<string, string> { ["app"] = "shop" });

        var image = await _root.Store.CommitDirectoryAsync("shop/web:v1", dir, config, null, CancellationToken.None);

        var images = _root.Paths.Images;
        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", File.ReadAllText(Path.Combine(images, "oci-layout")));
        var blobFiles = Directory.GetFiles(Path.Combine(images, "blobs", "sha256"));
        Assert.Equal(3, blobFiles.Length);
        foreach (var blob in blobFiles)
        {
            Assert.Equal(Path.GetFileName(blob), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(blob))));
        }

        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(images, "index.json")))!;
        var entry = Assert.Single(index["manifests"]!.AsArray())!;
        Assert.Equal(image.ManifestDigest, (string?)entry["digest"]);
        Assert.Equal("shop/web:v1", (string?)entry["annotations"]!["org.opencontainers.image.ref.name"]);

        var manifest = JsonNode.Parse(ReadBlob(image.ManifestDigest))!;
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", (string?)manifest["mediaType"]);
        Assert.Equal(ReadBlob(image.ManifestDigest).Length, (long)entry["size"]!);
        var layer = Assert.Single(manifest["layers"]!.AsArray())!;
        Assert.Equal("application/vnd.oci.image.layer.v1.tar", (string?)layer["mediaType"]);
        Assert.Equal(image.LayerDigests.Single(), (string?)layer["digest"]);
        Assert.Equal(ReadBlob(image.LayerDigests[0]).Length, (long)layer["size"]!);

        var configDigest = (string)manifest["config"]!["digest"]!;
        Assert.Equal("application/vnd.oci.image.config.v1+json", (string?)manifest["config"]!["mediaType"]);
        var configJson = JsonNode.Parse(ReadBlob(configDigest))!;
        Assert.Equal("amd64", (string?)configJson["architecture"]);
        Assert.Equal("linux", (string?)configJson["os"]);
        // Uncompressed layer: the diff_id is the sha256 of the layer blob itself.
        Assert.Equal(image.LayerDigests[0], (string?)configJson["rootfs"]!["diff_ids"]![0]);
        Assert.Equal("/app", (string?)configJson["config"]!["WorkingDir"]);
        Assert.Equal("1000:1000", (string?)configJson["config"]!["User"]);
        Assert.Equal("web", (string?)configJson["config"]!["Cmd"]![0]);
        Assert.Equal("/usr/bin/tini", (string?)configJson["config"]!["Entrypoint"]![0]);
        Assert.Equal("PORT=5000", (string?)configJson["config"]!["Env"]![1]);
        Assert.Equal("shop", (string?)configJson["config"]!["Labels"]!["app"]);

        var found = await _root.Store.FindAsync("shop/web:v1", CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(image.ManifestDigest, found.ManifestDigest);
        Assert.Equal(config.Env, found.Config.Env);
        Assert.Equal(config.Labels, found.Config.Labels);
        Assert.Equal("shop/web:v1", (await _root.Store.FindAsync(image.ManifestDigest, CancellationToken.None))?.Reference);
    }

    [Fact]
    public async Task Commit_KeepsModesOwnersHardLinks_AndSymlinksAsLinksEvenWhenTheyPointOutside()
    {
        var dir = _root.NewDir("src");
        var secret = Path.Combine(_root.Root, "outside-secret");
        File.WriteAllText(secret, "must not be copied");
        File.WriteAllText(Path.Combine(dir, "run.sh"), "#!/bin/sh\n");
        LibC.Check(LibC.Chmod(Path.Combine(dir, "run.sh"), 0b111_101_000), "chmod", "run.sh");
        LibC.Check(LibC.LChown(Path.Combine(dir, "run.sh"), 1000, 1001), "lchown", "run.sh");
        File.CreateSymbolicLink(Path.Combine(dir, "abs-link"), secret);
        File.CreateSymbolicLink(Path.Combine(dir, "rel-link"), "../../outside-secret");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        LibC.Check(LibC.Link(Path.Combine(dir, "run.sh"), Path.Combine(dir, "sub", "hard")), "link", "hard");

        await _root.Store.CommitDirectoryAsync("links", dir, ImageConfig.Empty, null, CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync("links", CancellationToken.None);

        var layer = Assert.Single(plan.LowerDirs);
        Assert.StartsWith(_root.Paths.Layers + "/", layer);
        var script = FileStatus.Of(Path.Combine(layer, "run.sh"));
        Assert.Equal(0b111_101_000u, script.Permissions);
        Assert.Equal((1000u, 1001u), (script.Uid, script.Gid));
        Assert.True(FileStatus.Of(Path.Combine(layer, "abs-link")).IsSymlink);
        Assert.Equal(secret, new FileInfo(Path.Combine(layer, "abs-link")).LinkTarget);
        Assert.True(FileStatus.Of(Path.Combine(layer, "rel-link")).IsSymlink);
        Assert.Equal("../../outside-secret", new FileInfo(Path.Combine(layer, "rel-link")).LinkTarget);
        var hard = FileStatus.Of(Path.Combine(layer, "sub", "hard"));
        Assert.Equal(script.Inode, hard.Inode);
        Assert.Equal(2u, hard.NLink);
        Assert.DoesNotContain(Directory.GetFiles(layer, "*", SearchOption.AllDirectories),
            f => FileStatus.Of(f).IsRegularFile && File.ReadAllText(f).Contains("must not be copied"));
    }

    [Fact]
    public async Task Commit_OfTheSameTreeTwice_GivesTheSameLayerDigest_AndKeepsLongNames()
    {
        var dir = _root.NewDir("src");
        var deep = Path.Combine(dir, string.Join('/', Enumerable.Repeat("node_modules_with_a_long_name", 8)));
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "index.js"), "module.exports = 1;\n");
        var longTarget = "../" + new string('t', 150);
        File.CreateSymbolicLink(Path.Combine(dir, "long-link"), longTarget);

        var first = await _root.Store.CommitDirectoryAsync("same:1", dir, ImageConfig.Empty, null, CancellationToken.None);
        var second = await _root.Store.CommitDirectoryAsync("same:2", dir, ImageConfig.Empty, null, CancellationToken.None);
        var layer = (await _root.Store.ResolveRootfsAsync("same:2", CancellationToken.None)).LowerDirs[0];

        Assert.Equal(first.LayerDigests, second.LayerDigests);
        Assert.Equal("module.exports = 1;\n", File.ReadAllText(Path.Combine(layer, Path.GetRelativePath(dir, deep), "index.js")));
        Assert.Equal(longTarget, new FileInfo(Path.Combine(layer, "long-link")).LinkTarget);
    }

    [Fact]
    public async Task Commit_KeepsDeviceNodesAndFifos()
    {
        var dir = _root.NewDir("dev");
        LibC.Check(LibC.MkNod(Path.Combine(dir, "null"), LibC.SIfChr | 0b110_110_110, LibC.MakeDev(1, 3)), "mknod", "null");
        LibC.Check(LibC.Chmod(Path.Combine(dir, "null"), 0b110_110_110), "chmod", "null"); // mknod applied the umask
        LibC.Check(LibC.MkNod(Path.Combine(dir, "pipe"), LibC.SIfIfo | 0b110_100_100, 0), "mknod", "pipe");

        await _root.Store.CommitDirectoryAsync("devices", dir, ImageConfig.Empty, null, CancellationToken.None);
        var layer = (await _root.Store.ResolveRootfsAsync("devices", CancellationToken.None)).LowerDirs[0];

        var device = FileStatus.Of(Path.Combine(layer, "null"));
        Assert.Equal((LibC.SIfChr, 1u, 3u, 0b110_110_110u), (device.Type, device.RDevMajor, device.RDevMinor, device.Permissions));
        Assert.Equal(LibC.SIfIfo, FileStatus.Of(Path.Combine(layer, "pipe")).Type);
    }

    [Fact]
    public async Task Resolve_AfterACrashMidUnpack_ClearsTheHalfLayer_AndUnpacksItWhole()
    {
        var dir = _root.NewDir("src");
        File.WriteAllText(Path.Combine(dir, "whole.txt"), "whole");
        var image = await _root.Store.CommitDirectoryAsync("crash", dir, ImageConfig.Empty, null, CancellationToken.None);
        var hex = image.LayerDigests[0]["sha256:".Length..];
        var half = Path.Combine(_root.Paths.Layers, $".tmp-{hex}-deadbeef");
        Directory.CreateDirectory(half);
        File.WriteAllText(Path.Combine(half, "partial"), "half");

        var plan = await _root.Store.ResolveRootfsAsync("crash", CancellationToken.None);

        Assert.Equal(Path.Combine(_root.Paths.Layers, hex), plan.LowerDirs[0]);
        Assert.Equal(["whole.txt"], Directory.GetFileSystemEntries(plan.LowerDirs[0]).Select(Path.GetFileName));
        Assert.False(Directory.Exists(half));
    }

    [Fact]
    public async Task TwoImagesOnOneBase_ShareTheBaseLayerDir_UnpackedOnce()
    {
        var baseDir = _root.NewDir("base");
        File.WriteAllText(Path.Combine(baseDir, "base.txt"), "base");
        var baseImage = await _root.Store.CommitDirectoryAsync("stack/test", baseDir, ImageConfig.Empty, null, CancellationToken.None);
        var appA = _root.NewDir("a");
        File.WriteAllText(Path.Combine(appA, "a.txt"), "a");
        var appB = _root.NewDir("b");
        File.WriteAllText(Path.Combine(appB, "b.txt"), "b");
        var imageA = await _root.Store.CommitDirectoryAsync("app-a", appA, ImageConfig.Empty, "stack/test", CancellationToken.None);
        var imageB = await _root.Store.CommitDirectoryAsync("app-b", appB, ImageConfig.Empty, "stack/test", CancellationToken.None);

        Assert.Equal(baseImage.LayerDigests[0], imageA.LayerDigests[0]);
        Assert.Equal(baseImage.LayerDigests[0], imageB.LayerDigests[0]);

        var planA = await _root.Store.ResolveRootfsAsync("app-a", CancellationToken.None);
        var baseLayerInode = FileStatus.Of(planA.LowerDirs[1]).Inode;
        var planB = await _root.Store.ResolveRootfsAsync("app-b", CancellationToken.None);

        // Top-most first, as overlayfs wants: the app layer, then the base.
        Assert.Equal(2, planA.LowerDirs.Count);
        Assert.True(File.Exists(Path.Combine(planA.LowerDirs[0], "a.txt")));
        Assert.True(File.Exists(Path.Combine(planB.LowerDirs[0], "b.txt")));
        Assert.Equal(planA.LowerDirs[1], planB.LowerDirs[1]);
        Assert.Equal(baseLayerInode, FileStatus.Of(planB.LowerDirs[1]).Inode); // not unpacked again
        Assert.Equal(3, Directory.GetDirectories(_root.Paths.Layers).Length);
    }

    [Fact]
    public async Task Commit_OnABase_InheritsItsLabelsAndEnv_ChildValuesWin()
    {
        var baseDir = _root.NewDir("base");
        var baseConfig = new ImageConfig(["PATH=/usr/bin", "LANG=C.UTF-8"], [], ["/bin/sh"], "", "",
            new Dictionary<string, string> { ["paas.example.dirs"] = "/usr,/etc/ssl", ["tier"] = "base" });
        await _root.Store.CommitDirectoryAsync("stack/labels", baseDir, baseConfig, null, CancellationToken.None);
        var appDir = _root.NewDir("app");
        var appConfig = new ImageConfig(["PATH=/app/bin:/usr/bin"], [], ["web"], "/app", "app", new Dictionary<string, string> { ["tier"] = "app" });

        var image = await _root.Store.CommitDirectoryAsync("labels-app", appDir, appConfig, "stack/labels", CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync("labels-app", CancellationToken.None);

        Assert.Equal(["LANG=C.UTF-8", "PATH=/app/bin:/usr/bin"], image.Config.Env);
        Assert.Equal("app", image.Config.Labels["tier"]);
        Assert.Equal(["web"], image.Config.Cmd);
        Assert.Equal("/usr,/etc/ssl", image.Config.Labels["paas.example.dirs"]);
        Assert.Empty(plan.BindMounts); // a label is data: host binds come only from stacks paasd built
    }

    [Fact]
    public async Task ConcurrentCommits_AllLandInIndexJson()
    {
        var dirs = Enumerable.Range(0, 8).Select(i =>
        {
            var dir = _root.NewDir($"c{i}");
            File.WriteAllText(Path.Combine(dir, "n"), i.ToString());
            return dir;
        }).ToList();

        // Two stores on one root stand for two processes: the index lock is a file lock.
        var other = new Paas.Runtime.Images.OciImageStore(_root.Paths);
        await Task.WhenAll(dirs.Select((dir, i) => Task.Run(() =>
            (i % 2 == 0 ? _root.Store : other).CommitDirectoryAsync($"concurrent/app{i}", dir, ImageConfig.Empty, null, CancellationToken.None))));

        var listed = await _root.Store.ListAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"concurrent/app{i}").Order(), listed.Select(i => i.Reference).Order());
        Assert.Empty(Directory.GetFiles(_root.Paths.Images, ".tmp-*"));
    }

    [Fact]
    public async Task Delete_RemovesTheImageAndItsOwnLayer_KeepsWhatAnotherImageShares()
    {
        var baseDir = _root.NewDir("base");
        File.WriteAllText(Path.Combine(baseDir, "base.txt"), "base");
        await _root.Store.CommitDirectoryAsync("stack/del", baseDir, ImageConfig.Empty, null, CancellationToken.None);
        var one = await _root.Store.CommitDirectoryAsync("one", _root.NewDir("one"), ImageConfig.Empty with { Cmd = ["1"] }, "stack/del", CancellationToken.None);
        File.WriteAllText(Path.Combine(_root.NewDir("two"), "two.txt"), "2");
        await _root.Store.CommitDirectoryAsync("two", Path.Combine(_root.Root, "work", "two"), ImageConfig.Empty, "stack/del", CancellationToken.None);
        var planOne = await _root.Store.ResolveRootfsAsync("one", CancellationToken.None);

        await _root.Store.DeleteAsync("one", CancellationToken.None);

        Assert.Null(await _root.Store.FindAsync("one", CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_root.Paths.Images, "blobs", "sha256", one.ManifestDigest["sha256:".Length..])));
        Assert.False(Directory.Exists(planOne.LowerDirs[0]));
        Assert.True(Directory.Exists(planOne.LowerDirs[1]));
        var planTwo = await _root.Store.ResolveRootfsAsync("two", CancellationToken.None);
        Assert.Equal(planOne.LowerDirs[1], planTwo.LowerDirs[1]);
        await Assert.ThrowsAsync<ImageNotFoundException>(() => _root.Store.DeleteAsync("one", CancellationToken.None));
    }

    [Theory]
    [InlineData("Upper/case")]
    [InlineData("trailing/")]
    [InlineData("../escape")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task Commit_RejectsAnInvalidReference(string reference)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _root.Store.CommitDirectoryAsync(reference, _root.NewDir("x"), ImageConfig.Empty, null, CancellationToken.None));
        Assert.Contains("invalid image reference", error.Message);
        Assert.False(File.Exists(Path.Combine(_root.Paths.Images, "index.json")));
    }

    [Fact]
    public async Task Commit_OfAMissingDirectory_FailsClearly_AndLeavesNothing()
    {
        var missing = Path.Combine(_root.Root, "no-such-dir");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            _root.Store.CommitDirectoryAsync("missing", missing, ImageConfig.Empty, null, CancellationToken.None));

        Assert.Contains(missing, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root.Paths.Images, "tmp")));
        Assert.False(Directory.Exists(Path.Combine(_root.Paths.Images, "blobs")));
        Assert.Null(await _root.Store.FindAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_OnAnUnknownBase_FailsWithImageNotFound()
    {
        var error = await Assert.ThrowsAsync<ImageNotFoundException>(() =>
            _root.Store.CommitDirectoryAsync("app", _root.NewDir("x"), ImageConfig.Empty, "stack/missing", CancellationToken.None));
        Assert.Contains("stack/missing", error.Message);
        await Assert.ThrowsAsync<ImageNotFoundException>(() => _root.Store.ResolveRootfsAsync("nope", CancellationToken.None));
    }

    private byte[] ReadBlob(string digest) =>
        File.ReadAllBytes(Path.Combine(_root.Paths.Images, "blobs", "sha256", digest["sha256:".Length..]));
}
