using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

/// <summary>The image config blob (application/vnd.oci.image.config.v1+json).</summary>
internal sealed record OciImageConfigFile(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("rootfs")] OciRootfs Rootfs,
    [property: JsonPropertyName("config"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OciRuntimeConfig? Config = null,
    [property: JsonPropertyName("created"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Created = null,
    [property: JsonPropertyName("history"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OciHistory>? History = null);
