using System.Formats.Tar;
using System.IO.Compression;
using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Reads a layer blob through to the end at import: it must be a readable (gzip) tar whose every
/// entry passes <see cref="LayerEntryValidator"/>, whose uncompressed size stays within the
/// <see cref="ExpansionBudget"/> (counted as it inflates, so a gzip bomb stops at the cap), and
/// whose uncompressed bytes hash to the config's diff_id.
/// </summary>
internal static class LayerVerifier
{
    public static async Task VerifyAsync(
        Stream blob, OciDescriptor layer, string diffId, LayerEntryValidator entries, ExpansionBudget budget, CancellationToken ct)
    {
        var gzip = OciMediaTypes.IsGzipLayer(layer.MediaType);
        try
        {
            await using var content = gzip ? new GZipStream(blob, CompressionMode.Decompress, leaveOpen: true) : null;
            await using var counted = budget.Layer(content ?? blob, layer.Digest);
            await using var hashing = new HashingStream(counted, leaveOpen: true);
            await using (var tar = new TarReader(hashing, leaveOpen: true))
            {
                while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
                {
                    entries.Check(entry);
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
