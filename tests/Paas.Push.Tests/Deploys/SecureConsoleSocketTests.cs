using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>A paasd whose API also listens on https:// (PAAS_API_URLS with PAAS_API_CERT and PAAS_API_KEY), with a self-signed certificate.</summary>
public sealed class HttpsApiHost : PushHost, IDisposable
{
    public HttpsApiHost() : this(new TestDirectory("api-tls-")) { }

    private HttpsApiHost(TestDirectory files) : base(PaasdFixture.WithHttpsApi(files.Combine("api.crt"), files.Combine("api.key")))
    {
        Files = files;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(files.Combine("api.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(files.Combine("api.key"), rsa.ExportPkcs8PrivateKeyPem());
        Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    public TestDirectory Files { get; }

    /// <summary>SHA-256 of the certificate paasd must present: the test client trusts exactly this one.</summary>
    public string Thumbprint { get; }

    public Uri HttpsUrl => Paasd.HttpsApiUrl!;

    /// <summary>After paasd's own disposal (xunit disposes an IAsyncLifetime fixture first, then an IDisposable one).</summary>
    public void Dispose() => Files.Dispose();
}

/// <summary>
/// A remote client of the console WebSockets over wss:// (paasd's own TLS listener): a token opens run and
/// enter and gets the exit code; the login cookie works from paasd's own https origin and is refused from another.
/// </summary>
public sealed class SecureConsoleSocketTests(HttpsApiHost host) : IClassFixture<HttpsApiHost>
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task ATokenOverWss_RunsAndEnters_AndGetsTheExitCode()
    {
        var app = await DeployedAppAsync("wss");
        var token = await host.Paasd.CreateTokenAsync();

        using var run = Socket(("Authorization", "Bearer " + token));
        await run.ConnectAsync(Wss(ApiRoutes.RunSocket(app) + new SessionQuery(["echo 42; exit 3"], Terminal: false).ToQueryString()), CancellationToken.None);
        var (runOutput, runExit) = await ConsoleSessionReader.ReadSessionAsync(run);

        using var enter = Socket(("Authorization", "Bearer " + token));
        await enter.ConnectAsync(Wss(ApiRoutes.EnterSocket(app) + new SessionQuery(["echo $DYNO; exit 4"], Terminal: false, Dyno: "web.1").ToQueryString()),
            CancellationToken.None);
        var (enterOutput, enterExit) = await ConsoleSessionReader.ReadSessionAsync(enter);

        Assert.Equal(("42\n", 3), (runOutput, runExit));
        Assert.Equal(("web.1\n", 4), (enterOutput, enterExit));
    }

    [Fact]
    public async Task TheListener_IsTls_WithTheConfiguredCertificate()
    {
        var app = await DeployedAppAsync("wsstls");
        var token = await host.Paasd.CreateTokenAsync();
        var path = ApiRoutes.RunSocket(app) + "?cmd=true";

        // Not trusted by default (self-signed), and no plain WebSocket on the TLS port.
        using var untrusting = new ClientWebSocket();
        untrusting.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => untrusting.ConnectAsync(Wss(path), CancellationToken.None));
        using var plain = new ClientWebSocket();
        plain.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await Assert.ThrowsAsync<WebSocketException>(() => plain.ConnectAsync(new Uri($"ws://{host.HttpsUrl.Authority}{path}"), CancellationToken.None));

        Assert.Contains("SSL", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheLoginCookie_OverWss_WorksFromTheSameOrigin_AndNotFromAnother()
    {
        var app = await DeployedAppAsync("wsscookie");
        var user = $"wss{Guid.NewGuid():N}"[..16];
        var added = await host.Paasd.PaasAsync(["users:add", user, "--role", "admin", "--password-stdin"], standardInput: Password + "\n");
        Assert.True(added.ExitCode == 0, added.StandardError);
        var cookie = await LoginAsync(user);
        var path = ApiRoutes.RunSocket(app) + new SessionQuery(["echo $((40+2)); exit 7"], Terminal: true, Cols: 80, Rows: 24).ToQueryString();

        using var crossOrigin = Socket(("Cookie", cookie), ("Origin", "https://evil." + PaasdFixture.Domain));
        await Assert.ThrowsAsync<WebSocketException>(() => crossOrigin.ConnectAsync(Wss(path), CancellationToken.None));
        using var ownOrigin = Socket(("Cookie", cookie), ("Origin", host.HttpsUrl.GetLeftPart(UriPartial.Authority)));
        await ownOrigin.ConnectAsync(Wss(path), CancellationToken.None);
        var (output, exitCode) = await ConsoleSessionReader.ReadSessionAsync(ownOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, crossOrigin.HttpStatusCode);
        Assert.Contains("42\r\n", output);
        Assert.Equal(7, exitCode);
    }

    private async Task<string> DeployedAppAsync(string prefix)
    {
        var app = await host.CreateAppAsync(prefix);
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        return app;
    }

    private Uri Wss(string pathAndQuery) => new($"wss://{host.HttpsUrl.Authority}{pathAndQuery}");

    private bool IsPaasdsCertificate(X509Certificate? certificate) =>
        certificate is not null && new X509Certificate2(certificate).GetCertHashString(HashAlgorithmName.SHA256) == host.Thumbprint;

    private ClientWebSocket Socket(params (string Name, string Value)[] headers)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsPaasdsCertificate(certificate);
        foreach (var (name, value) in headers) socket.Options.SetRequestHeader(name, value);
        return socket;
    }

    private async Task<string> LoginAsync(string user)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => IsPaasdsCertificate(certificate);
        using var client = new HttpClient(handler) { BaseAddress = host.HttpsUrl };
        using var response = await client.PostAsJsonAsync(ApiRoutes.Login, new LoginRequest(user, Password), ApiJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
