using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Paas.Core.Images;
using Paas.Runtime.Images;
using Paas.Runtime.Tests.Images;
using Xunit.Abstractions;

namespace Paas.Runtime.Tests.Security;

/// <summary>
/// Hostile archives are refused by images:import itself, before anything is stored: no blob, no
/// index entry, no staging file, no unpacked layer. (Before, most were accepted and failed only
/// when a container first unpacked them, and a gzip bomb was inflated whole.)
/// </summary>
public sealed class ArchiveImportTests(ITestOutputHelper output) : IDisposable
{
    private const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    private readonly TempRuntimeRoot _root = new();

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string> Hostile => new()
    {
        { "symlink-then-write-through-it", "is written through 'etc2'" },
        { "symlink-in-lower-layer-then-write-through-it", "is written through 'var/run'" },
        { "hardlink-to-host-shadow", "absolute hard link target '/etc/shadow'" },
        { "hardlink-to-a-path-not-in-the-layer", "not an earlier file of the same layer" },
        { "hardlink-target-with-dotdot", "leaves the image root" },
        { "char-device", "is a device node" },
        { "block-device", "is a device node" },
        { "fifo", "is a FIFO" },
        { "dotdot-path", "leaves the image root" },
        { "absolute-path", "absolute name '/etc/cron.d/evil'" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Import_OfAHostileArchive_IsRefused_AndWritesNothing(string attack, string expected)
    {
        var before = Snapshot();

        var error = await Assert.ThrowsAsync<InvalidImageException>(() =>
            _root.Store.ImportAsync(new MemoryStream(ArchiveFor(attack).Build()), "hostile/app:v1", CancellationToken.None));

        Assert.Contains(expected, error.Message);
        AssertNothingWritten(before);
    }

    [Fact]
    public async Task Import_WhoseLinksStayInside_IsAccepted_AndUnpacks()
    {
        var archive = new OciArchiveBuilder()
            .Layer(gzip: true, OciArchiveBuilder.Dir("etc"), OciArchiveBuilder.File("etc/app.conf", "x"),
                OciArchiveBuilder.Symlink("etc/localtime", "/usr/share/zoneinfo/UTC"), OciArchiveBuilder.Symlink("conf", "etc"),
                OciArchiveBuilder.HardLink("etc/app.conf.bak", "etc/app.conf"))
            .Layer(gzip: false, OciArchiveBuilder.File("conf", "replaced the link"), OciArchiveBuilder.File(".wh.etc", ""),
                OciArchiveBuilder.Symlink("etc", "/"), OciArchiveBuilder.Dir("etc2"), OciArchiveBuilder.File("etc2/x", "y"));

        var image = await _root.Store.ImportAsync(new MemoryStream(archive.Build()), null, CancellationToken.None);
        var plan = await _root.Store.ResolveRootfsAsync(image.Reference, CancellationToken.None);

        Assert.Equal("replaced the link", File.ReadAllText(Path.Combine(plan.LowerDirs[0], "conf")));
    }

    [Fact]
    public async Task Import_OfAGzipBomb_StopsAtTheLayerCap_Quickly_AndWritesNothing()
    {
        const long bombBytes = 2L << 30;
        var (blob, diffId) = GzipOfZeros(bombBytes);
        var capped = new OciImageStore(_root.Paths, limits: new ImageLimits { MaxLayerBytes = 64L << 20 });
        var archive = new OciArchiveBuilder().RawLayer(blob, GzipLayer, diffId).Build();
        var before = Snapshot();

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidImageException>(() => capped.ImportAsync(new MemoryStream(archive), null, CancellationToken.None));
        clock.Stop();

        output.WriteLine($"{bombBytes >> 30} GiB of zeros as a {blob.Length / 1024} KiB gzip layer, cap 64 MiB: refused in {clock.ElapsedMilliseconds} ms");
        Assert.Contains("per-layer limit", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the bomb took {clock.Elapsed} to refuse");
        AssertNothingWritten(before);
    }

    [Fact]
    public async Task Import_WhoseLayersTogetherExceedTheImageCap_IsRefused()
    {
        var capped = new OciImageStore(_root.Paths, limits: new ImageLimits { MaxLayerBytes = 1 << 20, MaxImageBytes = 3 << 19 });
        var archive = new OciArchiveBuilder()
            .Layer(gzip: true, OciArchiveBuilder.File("a", new string('a', 900_000)))
            .Layer(gzip: true, OciArchiveBuilder.File("b", new string('b', 900_000)));
        var before = Snapshot();

        var error = await Assert.ThrowsAsync<InvalidImageException>(() => capped.ImportAsync(new MemoryStream(archive.Build()), null, CancellationToken.None));

        Assert.Contains("per-image limit", error.Message);
        AssertNothingWritten(before);
    }

    private static OciArchiveBuilder ArchiveFor(string attack)
    {
        var builder = new OciArchiveBuilder();
        return attack switch
        {
            "symlink-then-write-through-it" => builder.Layer(gzip: true,
                OciArchiveBuilder.Symlink("etc2", "/etc"), OciArchiveBuilder.File("etc2/cron.d/evil", "* * * * * root id\n")),
            "symlink-in-lower-layer-then-write-through-it" => builder
                .Layer(gzip: true, OciArchiveBuilder.Dir("var"), OciArchiveBuilder.Symlink("var/run", "/run"))
                .Layer(gzip: true, OciArchiveBuilder.File("var/run/paas/evil", "x")),
            "hardlink-to-host-shadow" => builder.Layer(gzip: true, OciArchiveBuilder.HardLink("shadow", "/etc/shadow")),
            "hardlink-to-a-path-not-in-the-layer" => builder.Layer(gzip: true, OciArchiveBuilder.HardLink("shadow", "etc/shadow")),
            "hardlink-target-with-dotdot" => builder.Layer(gzip: true,
                OciArchiveBuilder.File("a", "a"), OciArchiveBuilder.HardLink("shadow", "a/../../../../etc/shadow")),
            "char-device" => builder.Layer(gzip: true, OciArchiveBuilder.Node(TarEntryType.CharacterDevice, "dev/kmem", 1, 2)),
            "block-device" => builder.Layer(gzip: true, OciArchiveBuilder.Node(TarEntryType.BlockDevice, "dev/sda", 8, 0)),
            "fifo" => builder.Layer(gzip: true, OciArchiveBuilder.Node(TarEntryType.Fifo, "etc/passwd")),
            "dotdot-path" => builder.Layer(gzip: true, OciArchiveBuilder.File("../../etc/cron.d/evil", "x")),
            "absolute-path" => builder.Layer(gzip: true, OciArchiveBuilder.File("/etc/cron.d/evil", "x")),
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
        };
    }

    /// <summary>A gzip'd tar holding one file of <paramref name="size"/> zero bytes, and the tar's diff_id: a valid layer.</summary>
    private static (byte[] Blob, string DiffId) GzipOfZeros(long size)
    {
        using var compressed = new MemoryStream();
        using var sha = SHA256.Create();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var hashing = new CryptoStream(gzip, sha, CryptoStreamMode.Write, leaveOpen: true))
        {
            using (var tar = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros") { DataStream = new ZeroStream(size), Mode = (UnixFileMode)0b110_100_100 });
            }

            hashing.FlushFinalBlock();
        }

        return (compressed.ToArray(), "sha256:" + Convert.ToHexStringLower(sha.Hash!));
    }

    private (List<string> Blobs, string? Index) Snapshot() =>
        (Files(Path.Combine(_root.Paths.Images, "blobs")), ReadIfExists(Path.Combine(_root.Paths.Images, "index.json")));

    private void AssertNothingWritten((List<string> Blobs, string? Index) before)
    {
        Assert.Equal(before.Blobs, Files(Path.Combine(_root.Paths.Images, "blobs")));
        Assert.Equal(before.Index, ReadIfExists(Path.Combine(_root.Paths.Images, "index.json")));
        Assert.Empty(Files(Path.Combine(_root.Paths.Images, "tmp")));
        Assert.Empty(Files(_root.Paths.Layers));
    }

    private static List<string> Files(string dir) =>
        Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order().ToList() : [];

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>Reads as <paramref name="length"/> zero bytes without holding them.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
