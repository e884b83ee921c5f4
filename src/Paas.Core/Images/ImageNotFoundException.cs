namespace Paas.Core.Images;

/// <summary>An image reference or digest that the store does not hold.</summary>
public sealed class ImageNotFoundException(string referenceOrDigest)
    : Exception($"image '{referenceOrDigest}' not found; list images with `paas images:list`")
{
    public string ReferenceOrDigest { get; } = referenceOrDigest;
}
