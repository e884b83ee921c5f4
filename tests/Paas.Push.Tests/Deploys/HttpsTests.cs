using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>certs:add turns on HTTPS through the router with SNI per app, optionally redirecting HTTP; certs:remove turns it off.</summary>
[Collection(PushCollection.Name)]
public sealed class HttpsTests(PushHost host) : IDisposable
{
    private readonly TestDirectory _files = new("certs-");

    [Fact]
    public async Task ACertificate_ServesTheAppOverHttpsBySni_AndRedirectsHttpWhenAsked()
    {
        var app = await host.CreateAppAsync("tls");
        using var work = await VersionedApp.CreateAsync(1);
        await host.PushAsync(work, app);
        var name = $"{app}.{PaasdFixture.Domain}";
        var (crt, key) = await WriteCertificateAsync(name);

        var add = await host.Paasd.PaasAsync(["certs:add", app, crt, key, "--redirect-https"]);
        Assert.True(add.ExitCode == 0, add.StandardError);

        X509Certificate2? served = null;
        await DeployHost.EventuallyAsync(async () =>
        {
            try
            {
                var (status, body, certificate) = await GetHttpsAsync(name);
                served = certificate;
                return status == 200 && body.StartsWith("version=1", StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), () => Task.FromResult(host.Paasd.Log));
        Assert.Equal($"CN={name}", served!.Subject);

        using var plain = host.Paasd.RouterClient(app);
        using var redirect = await plain.GetAsync("/some/path?x=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://{name}/some/path?x=1", redirect.Headers.Location!.ToString().Replace($":{host.Paasd.HttpsPort}", ""));

        var report = await host.Paasd.PaasAsync(["certs:report", app]);
        Assert.Contains(name, report.StandardOutput);
        Assert.DoesNotContain("PRIVATE KEY", report.StandardOutput);

        var remove = await host.Paasd.PaasAsync(["certs:remove", app]);
        Assert.True(remove.ExitCode == 0, remove.StandardError);
        await DeployHost.EventuallyAsync(async () => (await host.GetThroughRouterAsync(app)).Status == 200, TimeSpan.FromSeconds(10),
            () => Task.FromResult(host.Paasd.Log));
    }

    [Fact]
    public async Task BadCertificates_AreRefusedWithAReason()
    {
        var app = await host.CreateAppAsync("badtls");
        var (crt, _) = await WriteCertificateAsync("one.example");
        var (_, otherKey) = await WriteCertificateAsync("two.example");
        var garbage = _files.Combine("garbage.pem");
        await File.WriteAllTextAsync(garbage, "not a certificate");

        var mismatched = await host.Paasd.PaasAsync(["certs:add", app, crt, otherKey]);
        var notPem = await host.Paasd.PaasAsync(["certs:add", app, garbage, garbage]);
        var missing = await host.Paasd.PaasAsync(["certs:add", app, _files.Combine("nope.crt"), otherKey]);

        Assert.NotEqual(0, mismatched.ExitCode);
        Assert.Contains("do not make a usable pair", mismatched.StandardError);
        Assert.NotEqual(0, notPem.ExitCode);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("does not exist", missing.StandardError);
        var report = await host.Paasd.PaasAsync(["certs:report", app]);
        Assert.NotEqual(0, report.ExitCode);
        Assert.Contains("has no certificate", report.StandardError);
    }

    public void Dispose() => _files.Dispose();

    private async Task<(string Crt, string Key)> WriteCertificateAsync(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7));
        var crt = _files.Combine(name + ".crt");
        var key = _files.Combine(name + ".key");
        await File.WriteAllTextAsync(crt, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
        return (crt, key);
    }

    /// <summary>GET / over TLS to the router's https port on 127.0.0.1, with <paramref name="name"/> as SNI and Host.</summary>
    private async Task<(int Status, string Body, X509Certificate2? Certificate)> GetHttpsAsync(string name)
    {
        X509Certificate2? seen = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, host.Paasd.HttpsPort, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    seen = certificate is null ? null : new X509Certificate2(certificate);
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync($"https://{name}/");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), seen);
    }
}
