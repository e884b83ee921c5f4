using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Paas.Cli.Http;

/// <summary>
/// Which certificates an https:// (and wss://) paasd may present: the system's trusted roots, or with
/// <c>PAAS_CA_CERT=/path/ca.pem</c> the certificate authorities in that PEM file only (a private CA that signed
/// paasd's PAAS_API_CERT). The host name is checked either way. When the server's certificate is refused, the
/// reason is kept so that the error says what was wrong and how to fix it.
/// </summary>
public sealed class ServerTrust
{
    public const string Variable = "PAAS_CA_CERT";

    private readonly X509Certificate2Collection? _authorities;
    private volatile string? _refusal;

    private ServerTrust(string? path, X509Certificate2Collection? authorities)
    {
        CaCertificatePath = path;
        _authorities = authorities;
    }

    /// <summary>The system's trusted roots (no PAAS_CA_CERT).</summary>
    public static ServerTrust System { get; } = new(null, null);

    /// <summary>The PEM file of certificate authorities trusted instead of the system's, if set.</summary>
    public string? CaCertificatePath { get; }

    /// <summary>Reads the PEM file now, so a wrong path or file is a clear error before anything is sent.</summary>
    public static ServerTrust FromFile(string path)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{Variable} '{path}' cannot be read: {e.Message}");
        }
        catch (CryptographicException e)
        {
            throw new CliException($"{Variable} '{path}' is not a PEM certificate file ({e.Message}): set it to the CA certificate that signed paasd's certificate");
        }
        if (authorities.Count == 0)
            throw new CliException($"{Variable} '{path}' holds no certificate (no -----BEGIN CERTIFICATE----- block): set it to the CA certificate that signed paasd's certificate");
        return new ServerTrust(path, authorities);
    }

    /// <summary>A handler for a remote paasd that trusts what this says.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = Validate;
        return handler;
    }

    /// <summary>
    /// The message for a failed TLS handshake: what was wrong with paasd's certificate and how to trust it. Null
    /// when <paramref name="e"/> is not about the certificate.
    /// </summary>
    public string? Explain(Exception e, string endpoint)
    {
        if (_refusal is not { } refusal && !HasAuthenticationFailure(e)) return null;
        var why = _refusal ?? "the TLS handshake failed";
        return CaCertificatePath is { } path
            ? $"paasd at {endpoint} presented a certificate that the CA in {Variable} ({path}) does not vouch for: {why}. " +
              $"Set {Variable} to the PEM file of the CA that signed paasd's PAAS_API_CERT, or unset it to use the system's trusted CAs"
            : $"paasd at {endpoint} presented a certificate this machine does not trust: {why}. " +
              $"If paasd's PAAS_API_CERT was signed by a private CA, set {Variable}=/path/to/ca.pem (that CA's certificate)";
    }

    private static bool HasAuthenticationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is AuthenticationException) return true;
        return false;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            _refusal = "it sent no certificate";
            return false;
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            _refusal = $"its certificate is for another name ({Subject(certificate)})";
            return false;
        }
        if (_authorities is null)
        {
            if (errors == SslPolicyErrors.None) return true;
            _refusal = Describe(chain, certificate);
            return false;
        }
        // Only the private CA: the system's roots are not consulted, so nothing else passes by accident.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        if (custom.Build(leaf)) return true;
        _refusal = Describe(custom, certificate);
        return false;
    }

    private static string Describe(X509Chain? chain, X509Certificate certificate)
    {
        var problems = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToList() ?? [];
        var issuer = certificate.Issuer;
        return (problems.Count == 0 ? "its chain could not be verified" : string.Join("; ", problems)) + $" (issued by {issuer})";
    }

    private static string Subject(X509Certificate certificate) => certificate.Subject;
}
