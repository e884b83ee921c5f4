using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Core.Routing;

namespace Paas.Proxy.Tests.Support;

/// <summary>A self-signed server certificate for some host names, written as PEM files the way paasd keeps them.</summary>
public static class TestCertificate
{
    public static RouteCertificate Write(string directory, string subject, params string[] hosts)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts) names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(directory);
        var certificateFile = Path.Combine(directory, subject + ".crt");
        var keyFile = Path.Combine(directory, subject + ".key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new RouteCertificate(certificateFile, keyFile);
    }
}
