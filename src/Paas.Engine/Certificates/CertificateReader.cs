using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paas.Core.Certificates;
using Paas.Core.Errors;

namespace Paas.Engine.Certificates;

/// <summary>
/// Reads what certs:add was given: a PEM certificate chain (leaf first) and the leaf's PEM private
/// key, which must match. Refuses what cannot serve: no certificate, a key of another certificate,
/// an expired or not yet valid leaf, oversized input.
/// </summary>
public static class CertificateReader
{
    public const int MaxPemBytes = 64 * 1024;

    public static AppCertificate Read(long appId, string? certificatePem, string? keyPem, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(certificatePem)) errors.Add("certificate", "no certificate given: pass the PEM file of the certificate chain (leaf first)");
        else if (certificatePem.Length > MaxPemBytes) errors.Add("certificate", $"the certificate is larger than {MaxPemBytes / 1024} KiB: give the PEM chain only");
        if (string.IsNullOrWhiteSpace(keyPem)) errors.Add("key", "no private key given: pass the PEM file of the certificate's private key");
        else if (keyPem.Length > MaxPemBytes) errors.Add("key", $"the key is larger than {MaxPemBytes / 1024} KiB");
        errors.ThrowIfAny();

        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new ValidationException("key",
                $"the certificate and key do not make a usable pair ({e.Message.TrimEnd('.')}): give the leaf certificate first and its own unencrypted private key, both PEM");
        }
        catch (ArgumentException e)
        {
            throw new ValidationException("certificate", $"the certificate or key is not PEM ({e.Message.TrimEnd('.')})");
        }
        using (leaf)
        {
            if (leaf.NotAfter.ToUniversalTime() <= now.UtcDateTime)
                throw new ValidationException("certificate", $"the certificate expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: renew it first");
            if (leaf.NotBefore.ToUniversalTime() > now.UtcDateTime)
                throw new ValidationException("certificate", $"the certificate is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
            var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())
                .Select(n => n.ToLowerInvariant()).Distinct().ToList();
            if (names.Count == 0 && leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } cn) names.Add(cn.ToLowerInvariant());
            return new AppCertificate(appId, certificatePem!.Trim() + "\n", keyPem!.Trim() + "\n", leaf.Subject, names,
                new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), now);
        }
    }
}
