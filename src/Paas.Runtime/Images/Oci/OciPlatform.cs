using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

internal sealed record OciPlatform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os);
