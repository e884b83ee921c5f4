namespace Paas.Runtime.Images;

/// <summary>
/// How far an imported image may expand: uncompressed tar bytes per layer and for the whole
/// image, counted while the layers are decompressed at import, so a gzip bomb stops at the cap.
/// </summary>
public sealed record ImageLimits
{
    public const long DefaultMaxBytes = 10L << 30;

    public long MaxLayerBytes { get; init; } = DefaultMaxBytes;

    public long MaxImageBytes { get; init; } = DefaultMaxBytes;
}
