using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Paas.Core.Contracts;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// What the dashboard's console does in a browser, without the browser: log in with a password (the cookie),
/// then open the run WebSocket with that cookie from paasd's own origin. Another origin gets 403 even with
/// the cookie, so an app on a sibling subdomain cannot open a shell in the user's name.
/// </summary>
[Collection(PushCollection.Name)]
public sealed class CookieConsoleSocketTests(PushHost host)
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task TheLoginCookie_OpensARunSocket_FromTheSameOrigin_AndNotFromAnother()
    {
        var app = await host.CreateAppAsync("cookiews");
        using (var work = await VersionedApp.CreateAsync(1))
            await host.PushAsync(work, app);
        var user = $"console{Guid.NewGuid():N}"[..16];
        var added = await host.Paasd.PaasAsync(["users:add", user, "--role", "admin", "--password-stdin"], standardInput: Password + "\n");
        Assert.True(added.ExitCode == 0, added.StandardError);
        var cookie = await LoginAsync(user);
        var path = ApiRoutes.RunSocket(app) + "?cmd=sh&tty=1&cols=80&rows=24";
        var ownOrigin = host.Paasd.BaseUrl.GetLeftPart(UriPartial.Authority);

        using var crossOrigin = Socket(cookie, "http://evil.paas.test");
        await Assert.ThrowsAsync<WebSocketException>(() => crossOrigin.ConnectAsync(WebSocketUri(path), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.HttpStatusCode);

        using var socket = Socket(cookie, ownOrigin);
        await socket.ConnectAsync(WebSocketUri(path), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("echo $((40+2)); exit 7\n"), WebSocketMessageType.Binary, true, CancellationToken.None);
        var (output, exitCode) = await ConsoleSessionReader.ReadSessionAsync(socket);

        Assert.Contains("42\r\n", output);
        Assert.Equal(7, exitCode);
    }

    private async Task<string> LoginAsync(string user)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.Paasd.BaseUrl };
        using var response = await client.PostAsJsonAsync(ApiRoutes.Login, new LoginRequest(user, Password), ApiJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);
        return string.Join("; ", cookies);
    }

    private Uri WebSocketUri(string path) => new($"ws://{host.Paasd.BaseUrl.Authority}{path}");

    private static ClientWebSocket Socket(string cookie, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }
}
