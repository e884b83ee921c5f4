using System.Text.Json.Serialization;

namespace Paas.Runtime.Images.Oci;

/// <summary>The oci-layout marker file.</summary>
internal sealed record OciLayout([property: JsonPropertyName("imageLayoutVersion")] string ImageLayoutVersion)
{
    public const string FileName = "oci-layout";
    public const string Version = "1.0.0";
}
