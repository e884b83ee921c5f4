namespace Paas.Core.Contracts;

/// <summary>certs:add: the PEM certificate chain (leaf first) and its private key; <see cref="RedirectHttps"/> sends plain HTTP to HTTPS.</summary>
public sealed record AddCertificateRequest(string? Certificate, string? Key, bool RedirectHttps = false);

/// <summary>certs:report: what the certificate covers and until when (never the key).</summary>
public sealed record CertificateView(string Subject, IReadOnlyList<string> Names, DateTimeOffset NotAfter, bool RedirectHttps);
