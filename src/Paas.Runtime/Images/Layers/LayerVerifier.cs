using System.Formats.Tar;
using System.IO.Compression;
using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Reads a layer blob through to the end: it must be a readable (gzip) tar whose entries stay
/// inside the layer, and its uncompressed bytes must hash to the config's diff_id.
/// </summary>
internal static class LayerVerifier
{
    public static async Task VerifyAsync(string blobPath, OciDescriptor layer, string diffId, CancellationToken ct)
    {
        var gzip = OciMediaTypes.IsGzipLayer(layer.MediaType);
        try
        {
            await using var file = new FileStream(blobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var content = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            await using var hashing = new HashingStream(content, leaveOpen: true);
            await using (var tar = new TarReader(hashing, leaveOpen: true))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    LayerPaths.Normalize(entry.Name); // Refuse a layer that writes outside itself now, not at first run.
                }
            }

            await hashing.CopyToAsync(Stream.Null, ct); // The end-of-archive blocks count too.
            if (hashing.Digest() != diffId)
            {
                throw new InvalidImageException($"layer {layer.Digest}: uncompressed content hashes to {hashing.Digest()}, the config's diff_id is {diffId}");
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidImageException($"layer {layer.Digest} is not a readable {(gzip ? "gzip " : "")}tar: {e.Message}", e);
        }
    }
}
