using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

/// <summary>index.json of an image layout, or a (multi-platform) image index blob.</summary>
internal sealed record OciIndex(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("manifests")] IReadOnlyList<OciDescriptor> Manifests,
    [property: JsonPropertyName("mediaType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MediaType = null)
{
    public static OciIndex Empty { get; } = new(2, [], OciMediaTypes.Index);
}
