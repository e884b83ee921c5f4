using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

internal sealed record OciHistory(
    [property: JsonPropertyName("created"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Created = null,
    [property: JsonPropertyName("created_by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedBy = null,
    [property: JsonPropertyName("empty_layer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool EmptyLayer = false);
