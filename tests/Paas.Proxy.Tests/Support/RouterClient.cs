using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Paas.Proxy.Tests.Support;

/// <summary>
/// An HTTP client that reaches the router on loopback whatever host a URL names, so tests ask
/// for http://APP.paas.test:PORT/ as a browser would (Host header and TLS SNI from the URL).
/// Remembers the certificate each TLS handshake was shown.
/// </summary>
public sealed class RouterClient : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public RouterClient()
    {
        _handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectLoopbackAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null) LastCertificate = new X509Certificate2(certificate);
                    return true; // self-signed test certificates: the test checks the subject itself
                },
            },
        };
        Http = new HttpClient(_handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    public HttpMessageInvoker Invoker => new(_handler, disposeHandler: false);

    public X509Certificate2? LastCertificate { get; private set; }

    public static async ValueTask<Stream> ConnectLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();
}
