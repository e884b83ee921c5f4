using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Host.Configuration;

namespace Paas.Host.Listening;

/// <summary>
/// The certificate of paasd's https:// API listeners, from PAAS_API_CERT and PAAS_API_KEY (PEM, as
/// certs:add takes them), read once at start: a renewed certificate takes effect when paasd restarts.
/// </summary>
public static class ApiCertificate
{
    public static X509Certificate2 Load(PaasSettings settings)
    {
        var certificate = settings.ApiCertificate ?? throw new SettingsException("PAAS_API_CERT is not set");
        var key = settings.ApiCertificateKey ?? throw new SettingsException("PAAS_API_KEY is not set");
        try
        {
            var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            if (loaded.NotAfter < DateTime.Now)
                throw new SettingsException($"PAAS_API_CERT {certificate} expired on {loaded.NotAfter:u}: renew it and restart paasd");
            return loaded;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new SettingsException($"PAAS_API_CERT {certificate} and PAAS_API_KEY {key} are not a PEM certificate and its private key: {e.Message}");
        }
    }
}
