using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Paas.Proxy.Certificates;

/// <summary>The TLS handshake of an https listener: the certificate of the app the client named (SNI).</summary>
internal static class SniCertificates
{
    public static TlsHandshakeCallbackOptions HandshakeOptions(CertificateStore store) => new()
    {
        OnConnection = context =>
        {
            var serverName = context.ClientHelloInfo.ServerName;
            // No certificate for that name: refuse the handshake rather than show another app's certificate.
            var certificate = store.Find(serverName)
                ?? throw new AuthenticationException($"no certificate for server name '{serverName}'");
            // ApplicationProtocols left null: Kestrel offers h2 and http/1.1 by the listener's protocols.
            return ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = certificate });
        },
    };
}
