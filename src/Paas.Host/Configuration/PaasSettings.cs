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
    bool OutboundNat = true);
