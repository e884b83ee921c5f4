namespace Paas.Host.Configuration;

/// <summary>paasd's settings. The names are the environment variables and the keys of /etc/paas/paas.json.</summary>
public sealed record PaasSettings(
    string Root,
    string Database,
    IReadOnlyList<Uri> ApiUrls,
    string Socket,
    string Domain,
    int HttpPort,
    string Subnet = "10.213.0.0/16",
    bool OutboundNat = true,
    long ImageMaxLayerBytes = PaasSettings.DefaultImageMaxBytes,
    long ImageMaxBytes = PaasSettings.DefaultImageMaxBytes)
{
    /// <summary>10 GiB: how far one imported layer, and a whole imported image, may expand uncompressed.</summary>
    public const long DefaultImageMaxBytes = 10L << 30;
}
