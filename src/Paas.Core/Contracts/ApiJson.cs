using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paas.Core.Contracts;

/// <summary>JSON settings of the REST API, used by paasd and the CLI alike.</summary>
public static class ApiJson
{
    /// <summary>For reading requests: strict.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For reading responses (the CLI): a newer server may add fields an older client does not know.</summary>
    public static JsonSerializerOptions Lenient { get; } = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>camelCase, enums as strings, and unknown fields rejected (a typo must not be silently ignored).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
