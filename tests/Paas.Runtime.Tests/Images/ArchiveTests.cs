using System.Formats.Tar;
using System.Text.Json.Nodes;
using Paas.Core.Images;

namespace Paas.Runtime.Tests.Images;

public sealed class ArchiveTests : IDisposable
{
    private readonly TempRuntimeRoot _root = new();
    private readonly TempRuntimeRoot _other = new();

    public void Dispose()
    {
        _root.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task ExportThenImport_IntoAnotherStore_KeepsTheManifestDigestAndContent()
    {
        var baseDir = _root.NewDir("base");
        File.WriteAllText(Path.Combine(baseDir, "base.txt"), "base");
        await _root.Store.CommitDirectoryAsync("stack/rt", baseDir, ImageConfig.Empty with { Env = ["A=1"] }, null, CancellationToken.None);
        var appDir = _root.NewDir("app");
        File.WriteAllText(Path.Combine(appDir, "app.txt"), "app");
        var image = await _root.Store.CommitDirectoryAsync("shop/web:v7", appDir, ImageConfig.Empty with { Cmd = ["web"] }, "stack/rt", CancellationToken.None);
        var archivePath = Path.Combine(_root.Root, "shop.tar");

        await using (var output = File.Create(archivePath))
        {
            await _root.Store.ExportAsync("shop/web:v7", output, CancellationToken.None);
        }

        await using (var input = File.OpenRead(archivePath))
        {
            var imported = await _other.Store.ImportAsync(input, null, CancellationToken.None);
            Assert.Equal("shop/web:v7", imported.Reference);
            Assert.Equal(image.ManifestDigest, imported.ManifestDigest);
            Assert.Equal(image.LayerDigests, imported.LayerDigests);
            Assert.Equal(["web"], imported.Config.Cmd);
            Assert.Equal(["A=1"], imported.Config.Env);
        }

        var plan = await _other.Store.ResolveRootfsAsync("shop/web:v7", CancellationToken.None);
        Assert.Equal("app", File.ReadAllText(Path.Combine(plan.LowerDirs[0], "app.txt")));
        Assert.Equal("base", File.ReadAllText(Path.Combine(plan.LowerDirs[1], "base.txt")));
        Assert.Equal(image.ManifestDigest, (await _other.Store.FindAsync(image.ManifestDigest, CancellationToken.None))?.ManifestDigest);
    }

    [Fact]
    public async Task Export_WritesAnImageLayoutTarThatOtherToolsRead()
    {
        var dir = _root.NewDir("app");
        File.WriteAllText(Path.Combine(dir, "f"), "f");
        var image = await _root.Store.CommitDirectoryAsync("tools/app:v1", dir, ImageConfig.Empty, null, CancellationToken.None);
        using var archive = new MemoryStream();

        await _root.Store.ExportAsync("tools/app:v1", archive, CancellationToken.None);

        archive.Position = 0;
        var entries = new Dictionary<string, byte[]>();
        using (var reader = new TarReader(archive))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                entries[entry.Name] = content.ToArray();
            }
        }

        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", System.Text.Encoding.UTF8.GetString(entries["oci-layout"]));
        var index = JsonNode.Parse(entries["index.json"])!;
        var manifest = Assert.Single(index["manifests"]!.AsArray())!;
        Assert.Equal(image.ManifestDigest, (string?)manifest["digest"]);
        Assert.Equal("tools/app:v1", (string?)manifest["annotations"]!["org.opencontainers.image.ref.name"]);
        var blobs = entries.Keys.Where(k => k.StartsWith("blobs/sha256/", StringComparison.Ordinal) && !k.EndsWith('/')).ToList();
        Assert.Equal(3, blobs.Count); // manifest, config, one layer: only this image
        foreach (var blob in blobs)
        {
            Assert.Equal("sha256:" + blob["blobs/sha256/".Length..], OciArchiveBuilder.Digest(entries[blob]));
        }
    }

    [Fact]
    public async Task Export_IsLoadedAndRunByPodman_Unchanged()
    {
        Assert.True(File.Exists("/usr/bin/podman"), "podman is missing: apt-get install podman (tests/run.sh installs it)");
        Assert.True(File.Exists("/usr/bin/tini-static"), "tini-static is missing: apt-get install tini");
        var dir = _root.NewDir("tini");
        File.Copy("/usr/bin/tini-static", Path.Combine(dir, "tini"));
        var reference = $"paas-test/tini-{Guid.NewGuid():N}"[..24] + ":v1";
        await _root.Store.CommitDirectoryAsync(reference, dir, ImageConfig.Empty with { Entrypoint = ["/tini"], Cmd = ["--version"] }, null, CancellationToken.None);
        var archive = Path.Combine(_root.Root, "tini.tar");
        await using (var output = File.Create(archive))
        {
            await _root.Store.ExportAsync(reference, output, CancellationToken.None);
        }

        try
        {
            Assert.Contains($"Loaded image: localhost/{reference}", Tool.Run("podman", "load", "--input", archive));
            // Explicit ulimits: podman's defaults exceed what this VM lets runc set without CAP_SYS_RESOURCE.
            var output = Tool.Run("podman", "run", "--rm", "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096", "localhost/" + reference);
            Assert.StartsWith("tini version", output.Trim());
        }
        finally
        {
            Tool.RunWithExit("podman", "rmi", "--force", "localhost/" + reference);
        }
    }

    [Fact]
    public async Task Import_OfAnArchiveBuiltByAnotherTool_WithGzipLayers_Works()
    {
        var builder = new OciArchiveBuilder().Layer(gzip: true, OciArchiveBuilder.File("hello", "world"));
        var image = await _root.Store.ImportAsync(new MemoryStream(builder.Build()), null, CancellationToken.None);

        Assert.Equal("imported/app:v1", image.Reference);
        Assert.Equal(builder.ManifestDigest, image.ManifestDigest);
        Assert.Equal(["/bin/sh"], image.Config.Cmd);
        var plan = await _root.Store.ResolveRootfsAsync("imported/app:v1", CancellationToken.None);
        Assert.Equal("world", File.ReadAllText(Path.Combine(plan.LowerDirs[0], "hello")));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not-a-tar", "not an OCI archive" },
        { "no-oci-layout", "no oci-layout" },
        { "tampered-layer", "does not match its digest" },
        { "missing-layer", "lacks layer" },
        { "wrong-diff-id", "diff_id" },
        { "no-name", "pass a reference" },
        { "truncated", "not" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Import_OfAMalformedArchive_FailsClearly_AndLeavesNothing(string defect, string expected)
    {
        var dir = _root.NewDir("existing");
        File.WriteAllText(Path.Combine(dir, "x"), "x");
        await _root.Store.CommitDirectoryAsync("existing", dir, ImageConfig.Empty, null, CancellationToken.None);
        var blobsBefore = BlobNames();
        var indexBefore = File.ReadAllText(Path.Combine(_root.Paths.Images, "index.json"));

        var error = await Assert.ThrowsAsync<InvalidImageException>(() =>
            _root.Store.ImportAsync(new MemoryStream(ArchiveWith(defect)), null, CancellationToken.None));

        Assert.Contains(expected, error.Message);
        Assert.Equal(blobsBefore, BlobNames());
        Assert.Equal(indexBefore, File.ReadAllText(Path.Combine(_root.Paths.Images, "index.json")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root.Paths.Images, "tmp")));
    }

    private static byte[] ArchiveWith(string defect)
    {
        var builder = new OciArchiveBuilder().Layer(gzip: true, OciArchiveBuilder.File("a", "a"));
        switch (defect)
        {
            case "not-a-tar":
                return "this is not a tar archive at all, just some text that is long enough"u8.ToArray().Concat(new byte[600]).ToArray();
            case "no-oci-layout":
                builder.IncludeOciLayout = false;
                break;
            case "tampered-layer":
                builder.TamperLayer = blob => [.. blob[..^1], (byte)(blob[^1] ^ 0xff)];
                break;
            case "missing-layer":
                builder.OmitFirstLayerBlob = true;
                break;
            case "wrong-diff-id":
                builder.TamperDiffIds = ids => ids.Select(_ => "sha256:" + new string('a', 64)).ToList();
                break;
            case "no-name":
                builder.RefName = null;
                break;
            case "truncated":
                var whole = builder.Build();
                return whole[..(whole.Length / 2)];
        }

        return builder.Build();
    }

    private List<string> BlobNames() =>
        Directory.GetFiles(Path.Combine(_root.Paths.Images, "blobs", "sha256")).Order().ToList();
}
