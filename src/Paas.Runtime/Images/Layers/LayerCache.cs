using System.IO.Compression;
using Paas.Runtime.Images.Native;
using Paas.Runtime.Images.Oci;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Unpacked layers under layers/&lt;digest hex&gt;, each unpacked once and shared by every image
/// and container that uses it. A layer is unpacked into a temp dir and renamed into place, so the
/// final name only ever holds a complete layer, even after a crash. Layers shifted into a user
/// namespace carry the shift in their name (&lt;hex&gt;-shift-&lt;uid&gt;-&lt;gid&gt;): a layer unpacked
/// unshifted (by a version without user namespaces) or for another range is never taken for one.
/// </summary>
internal sealed class LayerCache(string layersDir, BlobStore blobs, UserNamespaceMapping? mapping = null)
{
    private const string ShiftMarker = "-shift-";

    private readonly string _lockPath = Path.Combine(layersDir, ".unpack.lock");

    public string PathOf(string digest) => Path.Combine(layersDir, NameOf(Digests.Hex(digest)));

    private string NameOf(string hex) => mapping is null ? hex : $"{hex}{ShiftMarker}{mapping.HostUid}-{mapping.HostGid}";

    public async Task<string> EnsureUnpackedAsync(OciDescriptor layer, CancellationToken ct)
    {
        var target = PathOf(layer.Digest);
        if (Directory.Exists(target))
        {
            return target;
        }

        EnsureLayersDir();
        using var held = await FileLock.AcquireAsync(_lockPath, ct);
        if (Directory.Exists(target))
        {
            return target; // Another process or thread unpacked it while we waited.
        }

        var hex = Digests.Hex(layer.Digest);
        foreach (var stale in Directory.EnumerateDirectories(layersDir, $".tmp-{NameOf(hex)}-*"))
        {
            Directory.Delete(stale, recursive: true); // Left by a crash; we hold the lock.
        }

        var temp = Path.Combine(layersDir, $".tmp-{NameOf(hex)}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            LibC.Check(LibC.Chmod(temp, 0b111_101_101), "chmod", temp);
            await using (var blob = blobs.OpenRead(layer.Digest))
            await using (var tar = OciMediaTypes.IsGzipLayer(layer.MediaType) ? new GZipStream(blob, CompressionMode.Decompress) : blob)
            {
                await LayerUnpacker.UnpackAsync(tar, temp, mapping, ct);
            }

            Directory.Move(temp, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Every unpacked copy of a layer on disk now (plain, and shifted into a user namespace).</summary>
    public IReadOnlyList<string> CopiesOf(string digest)
    {
        var hex = Digests.Hex(digest);
        if (!Directory.Exists(layersDir)) return [];
        return Directory.EnumerateDirectories(layersDir)
            .Where(d => Path.GetFileName(d) is var name && (name == hex || name.StartsWith(hex + ShiftMarker, StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>
    /// Takes every unpacked copy of a layer (shifted or not) out of use by renaming it (fast, so it
    /// can happen under the index lock, before a concurrent import could pick the layer up again);
    /// returns what to delete.
    /// </summary>
    public async Task<IReadOnlyList<string>> DetachAsync(string digest, CancellationToken ct)
    {
        var hex = Digests.Hex(digest);
        if (!Directory.Exists(layersDir))
        {
            return [];
        }

        var copies = CopiesOf(digest);
        if (copies.Count == 0)
        {
            return [];
        }

        using var held = await FileLock.AcquireAsync(_lockPath, ct);
        foreach (var stale in Directory.EnumerateDirectories(layersDir, ".del-*"))
        {
            Directory.Delete(stale, recursive: true); // A removal a crash interrupted.
        }

        var doomed = new List<string>();
        foreach (var copy in copies.Where(Directory.Exists))
        {
            var target = Path.Combine(layersDir, $".del-{hex}-{Guid.NewGuid():N}");
            Directory.Move(copy, target);
            doomed.Add(target);
        }

        return doomed;
    }

    private void EnsureLayersDir()
    {
        if (!Directory.Exists(layersDir))
        {
            Directory.CreateDirectory(layersDir);
            // Only root needs to reach the lower dirs; containers see them through overlayfs.
            LibC.Check(LibC.Chmod(layersDir, 0b111_000_000), "chmod", layersDir);
        }
    }
}
