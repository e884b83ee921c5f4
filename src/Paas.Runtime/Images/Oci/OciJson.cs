using System.Text.Json;
using Paas.Core.Images;

namespace Paas.Runtime.Images.Oci;

/// <summary>Serialization of the OCI documents; parse errors become <see cref="InvalidImageException"/>.</summary>
internal static class OciJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        // Missing required fields (a manifest without layers, a descriptor without digest) must fail parsing.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Parse<T>(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidImageException($"{what} is empty (JSON null)");
        }
        catch (JsonException e)
        {
            throw new InvalidImageException($"{what} is not valid JSON: {e.Message}", e);
        }
    }
}
