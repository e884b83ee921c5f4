using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Paas.Host.Configuration;

namespace Paas.Host.Listening;

/// <summary>The local unix socket (the administrator's door) and the TCP API listeners (https:// ones with PAAS_API_CERT).</summary>
public static class KestrelListeners
{
    public static void Configure(KestrelServerOptions options, PaasSettings settings)
    {
        options.Limits.MaxRequestBodySize = MaxRequestBodyBytes(settings);
        UnixSocket.PrepareForListening(settings.Socket);
        options.ListenUnixSocket(settings.Socket);
        var certificate = settings.ApiUrls.Any(u => u.Scheme == Uri.UriSchemeHttps) ? ApiCertificate.Load(settings) : null;
        foreach (var url in settings.ApiUrls)
        {
            Action<ListenOptions> tls = url.Scheme == Uri.UriSchemeHttps ? listen => listen.UseHttps(certificate!) : _ => { };
            if (url.Host is "localhost")
                options.ListenLocalhost(url.Port, tls);
            else if (url.Host is "*" or "+" or "0.0.0.0")
                options.ListenAnyIP(url.Port, tls);
            else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
                options.Listen(address, url.Port, tls);
            else
                throw new SettingsException($"PAAS_API_URLS host '{url.Host}' is not an IP address: use 127.0.0.1, 0.0.0.0, [::1] or localhost");
        }
    }

    /// <summary>
    /// JSON bodies are small; the largest legitimate one is a config:set of the whole allowed config, whose
    /// values JSON may escape to six characters a byte (\u0001). Image imports lift the limit for themselves.
    /// </summary>
    public static long MaxRequestBodyBytes(PaasSettings settings) => 6 * settings.MaxConfigBytes + 64 * 1024;
}
