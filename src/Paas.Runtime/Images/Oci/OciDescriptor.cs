using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

/// <summary>An OCI content descriptor.</summary>
internal sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("annotations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Annotations = null,
    [property: JsonPropertyName("platform"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    OciPlatform? Platform = null)
{
    public string? RefName => Annotations is not null && Annotations.TryGetValue(OciMediaTypes.RefNameAnnotation, out var name) ? name : null;
}
