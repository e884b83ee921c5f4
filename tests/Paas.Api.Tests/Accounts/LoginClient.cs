using System.Net;
using System.Net.Sockets;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Accounts;

/// <summary>
/// A browser-like client of paasd over TCP: it keeps cookies and does not follow redirects. It connects from its own
/// loopback address (127.x.y.z) so the per-address login throttle of one test never touches another.
/// </summary>
internal sealed class LoginClient : IDisposable
{
    private static int _next = Random.Shared.Next(1, 200) * 256;

    public LoginClient(PaasdFixture paasd, CookieContainer? cookies = null)
    {
        var n = Interlocked.Increment(ref _next);
        Address = IPAddress.Parse($"127.{91 + n / 65536 % 100}.{n / 256 % 256}.{1 + n % 254}");
        Cookies = cookies ?? new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(Address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Http = new HttpClient(handler) { BaseAddress = paasd.BaseUrl };
        Origin = paasd.BaseUrl.GetLeftPart(UriPartial.Authority);
    }

    public IPAddress Address { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    /// <summary>What a browser on paasd's own pages sends as Origin.</summary>
    public string Origin { get; }

    public Task<HttpResponseMessage> LoginJsonAsync(string user, string password) =>
        Http.PostJsonAsync(ApiRoutes.Login, new LoginRequest(user, password));

    /// <summary>A request as the dashboard's own pages make it (Origin of this site).</summary>
    public Task<HttpResponseMessage> SendSameOriginAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Origin", Origin);
        return Http.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}
