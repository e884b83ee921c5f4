using Paas.Core.Stacks;

namespace Paas.Runtime.Stacks;

/// <summary>
/// What paasd built as a stack: the image it committed (manifest and layer digests) and the host
/// paths it decided to bind read-only. The only source of host binds for any container.
/// </summary>
internal sealed record StackRecord(
    string Name,
    StackSource Source,
    DateTimeOffset CreatedAt,
    string ManifestDigest,
    IReadOnlyList<string> LayerDigests,
    IReadOnlyList<string> Binds)
{
    /// <summary>An image is built on this stack when its bottom layers are exactly the stack's (content-addressed, so the same bytes paasd built).</summary>
    public bool IsBaseOf(IReadOnlyList<string> imageLayerDigests) =>
        LayerDigests.Count > 0
        && imageLayerDigests.Count >= LayerDigests.Count
        && LayerDigests.Select((digest, i) => imageLayerDigests[i] == digest).All(same => same);
}
