using System.Text.Json.Serialization;

namespace Paas.Runtime.Oci;

/// <summary>`runc state` output: status is created, running, paused or stopped.</summary>
public sealed record OciState(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bundle")] string Bundle,
    [property: JsonPropertyName("created")] DateTimeOffset Created);
