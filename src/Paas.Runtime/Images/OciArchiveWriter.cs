using System.Formats.Tar;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>
/// Writes an OCI archive: a tar of an image layout (oci-layout, index.json, blobs/sha256/*) that
/// holds one image, which `podman load`, `skopeo copy oci-archive:` and `docker load` accept.
/// Blobs are copied byte for byte, so the manifest digest survives export and import.
/// </summary>
internal static class OciArchiveWriter
{
    public static async Task WriteAsync(
        BlobStore blobs, StoredImage image, IReadOnlyDictionary<string, string> annotations,
        DateTimeOffset now, Stream output, CancellationToken ct)
    {
        var mtime = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);

        await WriteBytesAsync(writer, OciLayout.FileName, OciJson.Serialize(new OciLayout(OciLayout.Version)), mtime, ct);
        var descriptor = image.ManifestDescriptor with { Annotations = annotations };
        await WriteBytesAsync(writer, "index.json", OciJson.Serialize(new OciIndex(2, [descriptor], OciMediaTypes.Index)), mtime, ct);

        await WriteDirectoryAsync(writer, "blobs/", mtime, ct);
        await WriteDirectoryAsync(writer, "blobs/sha256/", mtime, ct);
        var digests = new[] { image.ManifestDescriptor.Digest, image.Manifest.Config.Digest }
            .Concat(image.Manifest.Layers.Select(l => l.Digest))
            .Distinct();
        foreach (var digest in digests)
        {
            await using var data = blobs.OpenRead(digest);
            var entry = NewEntry(TarEntryType.RegularFile, "blobs/sha256/" + Digests.Hex(digest), mtime);
            entry.DataStream = data;
            await writer.WriteEntryAsync(entry, ct);
        }
    }

    private static async Task WriteBytesAsync(TarWriter writer, string name, byte[] content, DateTimeOffset mtime, CancellationToken ct)
    {
        var entry = NewEntry(TarEntryType.RegularFile, name, mtime);
        entry.DataStream = new MemoryStream(content, writable: false);
        await writer.WriteEntryAsync(entry, ct);
    }

    private static Task WriteDirectoryAsync(TarWriter writer, string name, DateTimeOffset mtime, CancellationToken ct)
    {
        var entry = NewEntry(TarEntryType.Directory, name, mtime);
        entry.Mode = (UnixFileMode)0b111_101_101;
        return writer.WriteEntryAsync(entry, ct);
    }

    private static PaxTarEntry NewEntry(TarEntryType type, string name, DateTimeOffset mtime) =>
        new(type, name) { Mode = (UnixFileMode)0b110_100_100, ModificationTime = mtime };
}
