using System.Formats.Tar;
using Paas.Core.Images;
using Paas.Runtime.Images.Layers;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>
/// Reads an OCI archive into a private staging dir and checks everything before anything is
/// published: every blob against its name, the manifest and config documents, every layer's
/// diff_id (which also proves the layer is a readable tar), every layer entry
/// (<see cref="LayerEntryValidator"/>) and the uncompressed size (<see cref="ImageLimits"/>).
/// A rejected archive leaves nothing: no blob, no index entry, no unpacked layer.
/// </summary>
internal sealed class OciArchiveReader : IAsyncDisposable
{
    private const int MaxDocumentBytes = 16 << 20;

    private readonly BlobStore _blobs;
    private readonly ImageLimits _limits;
    private readonly string _staging;
    private readonly Dictionary<string, StagedBlob> _staged = new(StringComparer.Ordinal);
    private long _stagedBytes;

    private OciArchiveReader(BlobStore blobs, ImageLimits limits)
    {
        _blobs = blobs;
        _limits = limits;
        _staging = Path.Combine(blobs.StagingDir, $"import-{Guid.NewGuid():N}");
    }

    public string Reference { get; private set; } = "";
    public string ManifestDigest { get; private set; } = "";
    public long ManifestSize { get; private set; }
    public OciManifest Manifest { get; private set; } = null!;
    public OciImageConfigFile Config { get; private set; } = null!;

    public static async Task<OciArchiveReader> ReadAsync(BlobStore blobs, ImageLimits limits, Stream archive, string? reference, CancellationToken ct)
    {
        var reader = new OciArchiveReader(blobs, limits);
        try
        {
            Directory.CreateDirectory(reader._staging);
            var (layout, index) = await reader.ExtractAsync(archive, ct);
            await reader.ValidateAsync(layout, index, reference, ct);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves the image's blobs into the store; call under the index lock.</summary>
    public void Publish()
    {
        foreach (var digest in NeededDigests())
        {
            if (_staged.TryGetValue(digest, out var blob))
            {
                _blobs.Publish(blob);
            }
            else if (!_blobs.Exists(digest))
            {
                throw new InvalidImageException($"blob {digest} is neither in the archive nor in the store");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private IEnumerable<string> NeededDigests() =>
        new[] { ManifestDigest, Manifest.Config.Digest }.Concat(Manifest.Layers.Select(l => l.Digest)).Distinct();

    private async Task<(byte[]? Layout, byte[]? Index)> ExtractAsync(Stream archive, CancellationToken ct)
    {
        byte[]? layout = null, index = null;
        await using var tar = new TarReader(archive, leaveOpen: true);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await tar.GetNextEntryAsync(copyData: false, ct);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
            {
                throw new InvalidImageException($"not an OCI archive: the input is not a readable tar ({e.Message})", e);
            }

            if (entry is null)
            {
                break;
            }

            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (name == OciLayout.FileName)
            {
                layout = await ReadDocumentAsync(entry, ct);
            }
            else if (name == "index.json")
            {
                index = await ReadDocumentAsync(entry, ct);
            }
            else if (name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && name.Length > "blobs/sha256/".Length)
            {
                await StageBlobAsync(entry, name, ct);
            }
        }

        return (layout, index);
    }

    private async Task StageBlobAsync(TarEntry entry, string name, CancellationToken ct)
    {
        var digest = Digests.Sha256Prefix + name["blobs/sha256/".Length..];
        if (!Digests.IsValid(digest) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new InvalidImageException($"archive entry '{entry.Name}' is not a regular blob file named by its sha256");
        }

        // Compressed never exceeds uncompressed by more than gzip's few bytes per block, so an
        // archive larger than the image may expand to is refused before it fills the disk.
        _stagedBytes += entry.Length;
        var maxArchiveBytes = _limits.MaxImageBytes + (_limits.MaxImageBytes >> 6) + MaxDocumentBytes;
        if (_stagedBytes > maxArchiveBytes)
        {
            throw new InvalidImageException(
                $"the archive's blobs exceed {maxArchiveBytes} bytes, more than an image within the per-image limit (PAAS_IMAGE_MAX_BYTES) can hold");
        }

        var path = Path.Combine(_staging, Digests.Hex(digest));
        string actual;
        long size;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var hashing = new HashingStream(file, leaveOpen: true))
        {
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(hashing, ct);
            }

            actual = hashing.Digest();
            size = hashing.BytesHashed;
        }

        if (actual != digest)
        {
            throw new InvalidImageException($"archive blob {entry.Name} does not match its digest: its content hashes to {actual}");
        }

        _staged[digest] = new StagedBlob(path, digest, size);
    }

    private async Task ValidateAsync(byte[]? layoutBytes, byte[]? indexBytes, string? reference, CancellationToken ct)
    {
        if (layoutBytes is null)
        {
            throw new InvalidImageException("not an OCI archive: it has no oci-layout file");
        }

        var layout = OciJson.Parse<OciLayout>(layoutBytes, "oci-layout");
        if (layout.ImageLayoutVersion != OciLayout.Version)
        {
            throw new InvalidImageException($"oci-layout: unsupported imageLayoutVersion '{layout.ImageLayoutVersion}'");
        }

        if (indexBytes is null)
        {
            throw new InvalidImageException("not an OCI archive: it has no index.json");
        }

        var (descriptor, refName) = await ChooseManifestAsync(OciJson.Parse<OciIndex>(indexBytes, "index.json"), reference, ct);
        var manifestBytes = await ReadBlobAsync(descriptor, ct);
        ManifestDigest = descriptor.Digest;
        ManifestSize = manifestBytes.Length;
        Manifest = ImageValidation.ParseManifest(manifestBytes, descriptor.Digest);
        Config = ImageValidation.ParseConfig(await ReadBlobAsync(Manifest.Config, ct), Manifest);

        var entries = new LayerEntryValidator();
        var budget = new ExpansionBudget(_limits);
        for (var i = 0; i < Manifest.Layers.Count; i++)
        {
            await CheckLayerAsync(Manifest.Layers[i], Config.Rootfs.DiffIds[i], entries, budget, ct);
        }

        Reference = reference ?? refName
            ?? throw new InvalidImageException($"the archive does not name its image ({OciMediaTypes.RefNameAnnotation}); pass a reference to import it as");
        if (!ImageReference.IsValid(Reference))
        {
            throw new InvalidImageException($"the archive names its image '{Reference}', which is not a valid reference here; pass a reference to import it as");
        }
    }

    private async Task<(OciDescriptor Descriptor, string? RefName)> ChooseManifestAsync(OciIndex index, string? reference, CancellationToken ct)
    {
        var candidates = index.Manifests;
        if (candidates.Count > 1 && reference is not null)
        {
            candidates = candidates.Where(d => d.RefName == reference).ToList();
        }

        if (candidates.Count != 1)
        {
            throw new InvalidImageException(index.Manifests.Count == 0
                ? "index.json lists no image"
                : $"the archive holds {index.Manifests.Count} images ({string.Join(", ", index.Manifests.Select(d => d.RefName ?? d.Digest))}); name the one to import");
        }

        var chosen = candidates[0];
        if (OciMediaTypes.IsIndex(chosen.MediaType))
        {
            // A multi-platform image: take this machine's platform.
            var nested = OciJson.Parse<OciIndex>(await ReadBlobAsync(chosen, ct), $"image index {chosen.Digest}");
            var arch = ImageConfigMapper.CurrentArchitecture();
            var platform = nested.Manifests.Where(d => d.Platform is { Os: "linux" } p && p.Architecture == arch).ToList();
            if (platform.Count == 0)
            {
                throw new InvalidImageException($"image index {chosen.Digest} has no linux/{arch} image");
            }

            return (platform[0], chosen.RefName);
        }

        return OciMediaTypes.IsManifest(chosen.MediaType)
            ? (chosen, chosen.RefName)
            : throw new InvalidImageException($"index.json entry {chosen.Digest} has mediaType {chosen.MediaType}, not an image manifest");
    }

    private async Task<byte[]> ReadBlobAsync(OciDescriptor descriptor, CancellationToken ct)
    {
        if (!Digests.IsValid(descriptor.Digest))
        {
            throw new InvalidImageException($"malformed digest '{descriptor.Digest}'");
        }

        if (descriptor.Size > MaxDocumentBytes)
        {
            throw new InvalidImageException($"document {descriptor.Digest} is {descriptor.Size} bytes; at most {MaxDocumentBytes} are accepted");
        }

        var bytes = _staged.TryGetValue(descriptor.Digest, out var blob)
            ? await File.ReadAllBytesAsync(blob.TempPath, ct)
            : _blobs.Exists(descriptor.Digest)
                ? await _blobs.ReadAllBytesAsync(descriptor.Digest, ct)
                : throw new InvalidImageException($"the archive lacks blob {descriptor.Digest}");
        return bytes.Length == descriptor.Size
            ? bytes
            : throw new InvalidImageException($"blob {descriptor.Digest} is {bytes.Length} bytes, its descriptor says {descriptor.Size}");
    }

    private async Task CheckLayerAsync(OciDescriptor layer, string diffId, LayerEntryValidator entries, ExpansionBudget budget, CancellationToken ct)
    {
        if (_staged.TryGetValue(layer.Digest, out var blob))
        {
            if (blob.Size != layer.Size)
            {
                throw new InvalidImageException($"layer {layer.Digest} is {blob.Size} bytes, its descriptor says {layer.Size}");
            }

            entries.BeginLayer(layer.Digest);
            await using var staged = new FileStream(blob.TempPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await LayerVerifier.VerifyAsync(staged, layer, diffId, entries, budget, ct);
        }
        else if (_blobs.Exists(layer.Digest))
        {
            // Checked when it arrived (or built here); read again for the symlinks the layers above
            // may not write through, and for the image's size.
            entries.BeginLayer(layer.Digest, trusted: true);
            await using var stored = _blobs.OpenRead(layer.Digest);
            await LayerVerifier.VerifyAsync(stored, layer, diffId, entries, budget, ct);
        }
        else
        {
            throw new InvalidImageException($"the archive lacks layer {layer.Digest}");
        }
    }

    private static async Task<byte[]> ReadDocumentAsync(TarEntry entry, CancellationToken ct)
    {
        if (entry.Length > MaxDocumentBytes || entry.DataStream is null)
        {
            throw new InvalidImageException($"archive entry '{entry.Name}' is not a document of at most {MaxDocumentBytes} bytes");
        }

        using var buffer = new MemoryStream();
        await entry.DataStream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
