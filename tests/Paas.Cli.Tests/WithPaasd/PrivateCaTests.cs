using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>
/// A paasd serving its API on https:// with a certificate signed by a private CA made here (PAAS_API_CERT,
/// PAAS_API_KEY), and another CA that signed nothing it serves.
/// </summary>
public sealed class PrivateCaPaasd : IAsyncLifetime
{
    public PrivateCaPaasd()
    {
        Files = new TestDirectory("cli-ca-");
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = RSA.Create(2048);
        using var ca = Authority("CN=Paas test private CA", caKey, notBefore);
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        using var otherKey = RSA.Create(2048);
        using var other = Authority("CN=Paas test unrelated CA", otherKey, notBefore);
        File.WriteAllText(OtherCaFile, other.ExportCertificatePem());

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, notBefore, notBefore.AddDays(7), RandomNumberGenerator.GetBytes(8));
        File.WriteAllText(Files.Combine("api.crt"), server.ExportCertificatePem());
        File.WriteAllText(Files.Combine("api.key"), serverKey.ExportPkcs8PrivateKeyPem());
        Paasd = PaasdFixture.WithHttpsApi(Files.Combine("api.crt"), Files.Combine("api.key"));
    }

    public TestDirectory Files { get; }

    public PaasdFixture Paasd { get; }

    /// <summary>The CA that signed paasd's certificate (PEM).</summary>
    public string CaFile => Files.Combine("ca.pem");

    /// <summary>A CA that signed nothing paasd presents.</summary>
    public string OtherCaFile => Files.Combine("other-ca.pem");

    public Task InitializeAsync() => Paasd.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Paasd.DisposeAsync();
        Files.Dispose();
    }

    private static X509Certificate2 Authority(string name, RSA key, DateTimeOffset notBefore)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notBefore.AddDays(30));
    }
}

/// <summary>
/// `paas` against an https:// paasd whose certificate a private CA signed: PAAS_CA_CERT makes the CLI trust that CA
/// for its HTTP calls and its WebSocket sessions (wss://); without it, or with the wrong CA, it says what was wrong and
/// how to fix it, and exits 1.
/// </summary>
public sealed class PrivateCaTests(PrivateCaPaasd host) : IClassFixture<PrivateCaPaasd>
{
    private const string Untrusted = "presented a certificate this machine does not trust";

    [Fact]
    public async Task WithPaasCaCert_HttpsAndWssCallsSucceed()
    {
        var token = await TokenAsync();
        var app = await new PaasdCli(host.Paasd).CreateAppAsync();

        var list = await RunAsync(token, host.CaFile, "apps:list");
        // The session's WebSocket is opened over wss:// and refused by paasd (no running web.1): TLS worked.
        var enter = await RunAsync(token, host.CaFile, "enter", app, "web.1", "true");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"\n{app}\n", "\n" + list.Stdout);
        Assert.Equal(1, enter.ExitCode);
        Assert.DoesNotContain("certificate", enter.Stderr);
        Assert.Contains("web.1", enter.Stderr);
    }

    [Fact]
    public async Task WithoutPaasCaCert_TheCertificateIsRefused_WithAMessageNamingTheFix()
    {
        var token = await TokenAsync();

        var list = await RunAsync(token, null, "apps:list");
        var enter = await RunAsync(token, null, "enter", "some-app", "web.1", "true");

        foreach (var result in new[] { list, enter })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"paasd at {host.Paasd.HttpsApiUrl} {Untrusted}", result.Stderr);
            Assert.Contains("set PAAS_CA_CERT=/path/to/ca.pem", result.Stderr);
            Assert.Contains("CN=Paas test private CA", result.Stderr);
        }
    }

    [Fact]
    public async Task WithAnotherCa_TheCertificateIsRefused_NamingTheFileUsed()
    {
        var token = await TokenAsync();

        var result = await RunAsync(token, host.OtherCaFile, "apps:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"presented a certificate that the CA in PAAS_CA_CERT ({host.OtherCaFile}) does not vouch for", result.Stderr);
    }

    [Fact]
    public async Task APaasCaCertThatIsNotACertificate_IsAClearError()
    {
        var missing = host.Files.Combine("missing.pem");
        var notPem = host.Files.Combine("not.pem");
        await File.WriteAllTextAsync(notPem, "not a certificate\n");

        var absent = await RunAsync("token", missing, "apps:list");
        var garbage = await RunAsync("token", notPem, "apps:list");

        Assert.Equal((1, 1), (absent.ExitCode, garbage.ExitCode));
        Assert.Contains($"PAAS_CA_CERT '{missing}' cannot be read", absent.Stderr);
        Assert.Contains($"PAAS_CA_CERT '{notPem}' holds no certificate", garbage.Stderr);
    }

    private async Task<string> TokenAsync()
    {
        var created = await new PaasdCli(host.Paasd).RunAsync("tokens:create", PaasdCli.UniqueName("ca"));
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.Stdout.TrimEnd('\n');
    }

    private Task<PaasResult> RunAsync(string token, string? caFile, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["PAAS_URL"] = host.Paasd.HttpsApiUrl!.ToString(), ["PAAS_TOKEN"] = token };
        if (caFile is not null) environment["PAAS_CA_CERT"] = caFile;
        return PaasProcess.RunAsync(host.Paasd.BinDirectory, environment, null, args);
    }
}
