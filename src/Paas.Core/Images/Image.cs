namespace Paas.Core.Images;

/// <summary>
/// An image in the store. <see cref="LayerDigests"/> are the compressed-blob digests
/// ("sha256:hex") in manifest order, bottom-most first.
/// </summary>
public sealed record Image(
    string Reference,
    string ManifestDigest,
    ImageConfig Config,
    IReadOnlyList<string> LayerDigests);
