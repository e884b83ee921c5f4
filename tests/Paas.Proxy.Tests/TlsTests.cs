using System.Net;
using Paas.Core.Routing;
using Paas.Proxy.Tests.Support;
using Paas.Testing;

namespace Paas.Proxy.Tests;

/// <summary>HTTPS listeners: each app's certificate chosen by SNI, and the HTTP→HTTPS redirect.</summary>
public sealed class TlsTests(RouterProcess router) : IClassFixture<RouterProcess>, IAsyncLifetime
{
    private readonly TestDirectory _certificates = new("paas-router-certs-");
    private readonly int _http = FreePort.Next();
    private readonly int _https = FreePort.Next();
    private TestBackend? _backend;

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync("web");

    public async Task DisposeAsync()
    {
        if (_backend is not null) await _backend.DisposeAsync();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Sni_PicksEachAppsOwnCertificate()
    {
        var alpha = TestCertificate.Write(_certificates.Path, "alpha-cert", "alpha.paas.test");
        var beta = TestCertificate.Write(_certificates.Path, "beta-cert", "beta.paas.test", "www.beta.example");
        await router.PublishAsync([App(1, "alpha", alpha), App(2, "beta", beta, domains: ["www.beta.example"])]);

        Assert.Equal("CN=alpha-cert", await SubjectServedForAsync($"https://alpha.paas.test:{_https}/"));
        Assert.Equal("CN=beta-cert", await SubjectServedForAsync($"https://beta.paas.test:{_https}/"));
        Assert.Equal("CN=beta-cert", await SubjectServedForAsync($"https://www.beta.example:{_https}/"));
    }

    [Fact]
    public async Task Https_ReachesTheApp_AsHttpsInXForwardedProto()
    {
        var certificate = TestCertificate.Write(_certificates.Path, "proto-cert", "proto.paas.test");
        await router.PublishAsync([App(3, "proto", certificate)]);
        using var client = new RouterClient();

        using var response = await client.Http.GetAsync($"https://proto.paas.test:{_https}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = TestBackend.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https", seen.ForwardedProto);
        Assert.Equal($"proto.paas.test:{_https}", seen.Host);
    }

    [Fact]
    public async Task Https_ServesHttp2Clients_ForwardingHttp11ToTheApp()
    {
        var certificate = TestCertificate.Write(_certificates.Path, "h2-cert", "h2.paas.test");
        await router.PublishAsync([App(9, "h2", certificate)]);
        using var client = new RouterClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://h2.paas.test:{_https}/upload")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[100_000]),
        };

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        var seen = TestBackend.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(100_000, seen.BodyBytes);
        Assert.Equal("https", seen.ForwardedProto);
    }

    [Fact]
    public async Task HostWithoutCertificate_GetsNoHandshake()
    {
        var certificate = TestCertificate.Write(_certificates.Path, "only-cert", "only.paas.test");
        await router.PublishAsync([App(4, "only", certificate), App(5, "plain", null)]);
        using var client = new RouterClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync($"https://plain.paas.test:{_https}/"));
    }

    [Fact]
    public async Task ReplacedCertificateFiles_AreServedAfterTheNextSnapshot()
    {
        var first = TestCertificate.Write(_certificates.Path, "renew", "renew.paas.test");
        await router.PublishAsync([App(6, "renew", first)]);
        Assert.Equal("CN=renew", await SubjectServedForAsync($"https://renew.paas.test:{_https}/"));

        // certs:add again: new files at the same paths, then a snapshot.
        var renewed = TestCertificate.Write(Path.Combine(_certificates.Path, "next"), "renewed", "renew.paas.test");
        File.Copy(renewed.CertificateFile, first.CertificateFile, overwrite: true);
        File.Copy(renewed.KeyFile, first.KeyFile, overwrite: true);
        File.SetLastWriteTimeUtc(first.CertificateFile, DateTime.UtcNow.AddSeconds(1));
        await router.PublishAsync([App(6, "renew", first)]);

        Assert.Equal("CN=renewed", await SubjectServedForAsync($"https://renew.paas.test:{_https}/"));
    }

    [Fact]
    public async Task RedirectToHttps_AnswersHttpWith301ToTheHttpsPort()
    {
        var certificate = TestCertificate.Write(_certificates.Path, "secure-cert", "secure.paas.test");
        await router.PublishAsync([App(7, "secure", certificate, redirect: true), App(8, "lax", null)]);
        using var client = new RouterClient();

        using var redirected = await client.Http.GetAsync($"http://secure.paas.test:{_http}/a/b?c=d");
        using var served = await client.Http.GetAsync($"http://lax.paas.test:{_http}/");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirected.StatusCode);
        Assert.Equal($"https://secure.paas.test:{_https}/a/b?c=d", redirected.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.DoesNotContain(_backend!.Requests, r => r.Host?.StartsWith("secure.", StringComparison.Ordinal) == true);
    }

    private AppRoute App(long id, string name, RouteCertificate? certificate, bool redirect = false, IEnumerable<string>? domains = null) =>
        new(id, name, [$"{name}.paas.test", .. domains ?? []],
            certificate is null
                ? [new RouteMapping("http", _http, _backend!.Port)]
                : [new RouteMapping("http", _http, _backend!.Port), new RouteMapping("https", _https, _backend.Port)],
            [new RouteBackend("web.1", "127.0.0.1")], certificate, redirect);

    private async Task<string?> SubjectServedForAsync(string url)
    {
        // A fresh client for a fresh handshake.
        using var client = new RouterClient();
        using var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client.LastCertificate?.Subject;
    }
}
