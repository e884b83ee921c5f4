namespace Paas.Core.Images;

/// <summary>OCI image layout store with shared, unpacked read-only layers.</summary>
public interface IImageStore
{
    /// <summary>Packs <paramref name="directory"/> as one new layer on top of <paramref name="baseReference"/>'s layers (or none).</summary>
    Task<Image> CommitDirectoryAsync(string reference, string directory, ImageConfig config, string? baseReference, CancellationToken ct);

    /// <summary>By reference ("stack/host", "app:v3") or manifest digest ("sha256:..."); null when unknown.</summary>
    Task<Image?> FindAsync(string referenceOrDigest, CancellationToken ct);

    Task<IReadOnlyList<Image>> ListAsync(CancellationToken ct);

    /// <summary>Unpacks each layer once (read-only, shared) and returns the lower dirs plus the stack's binds.</summary>
    Task<RootfsPlan> ResolveRootfsAsync(string referenceOrDigest, CancellationToken ct);

    /// <summary>Writes an OCI archive (tar of an image layout holding only this image).</summary>
    Task ExportAsync(string reference, Stream ociArchive, CancellationToken ct);

    /// <summary>Reads an OCI archive; <paramref name="reference"/> overrides the archive's ref name.</summary>
    Task<Image> ImportAsync(Stream ociArchive, string? reference, CancellationToken ct);

    Task DeleteAsync(string reference, CancellationToken ct);

    /// <summary>
    /// Bytes that deleting all of <paramref name="references"/> would free: their blobs and unpacked
    /// layers that no other image holds (a stack's layers under an app's image count for the stack).
    /// Unknown references count 0.
    /// </summary>
    Task<long> ExclusiveSizeBytesAsync(IReadOnlyCollection<string> references, CancellationToken ct);
}
