using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

internal sealed record OciRootfs(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("diff_ids")] IReadOnlyList<string> DiffIds);
