namespace Paas.Core.Certificates;

/// <summary>
/// An app's TLS certificate: the PEM chain and key as given, with what was read from them (the
/// leaf's subject, the names it covers, when it expires). The key never leaves paasd except as the
/// router's key file.
/// </summary>
public sealed record AppCertificate(
    long AppId,
    string CertificatePem,
    string PrivateKeyPem,
    string Subject,
    IReadOnlyList<string> Names,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt);
