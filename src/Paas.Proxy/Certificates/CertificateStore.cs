using System.Collections.Frozen;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Paas.Core.Routing;

namespace Paas.Proxy.Certificates;

/// <summary>
/// The apps' certificates by host name, for SNI. Each app's PEM files (chain and key) are loaded
/// when a snapshot names them, not during a handshake, and kept by path and mtime so a snapshot
/// that changes nothing else costs no reload; a replaced file is read again. The table is one
/// immutable dictionary swapped whole, read lock-free by every TLS handshake.
/// </summary>
internal sealed partial class CertificateStore(ILogger<CertificateStore> logger)
{
    private FrozenDictionary<string, SslStreamCertificateContext> _byHost = FrozenDictionary<string, SslStreamCertificateContext>.Empty;

    // Touched only by the snapshot applier, one snapshot at a time.
    private readonly Dictionary<RouteCertificate, Loaded> _loaded = [];

    public SslStreamCertificateContext? Find(string? serverName) =>
        serverName is not null && Volatile.Read(ref _byHost).TryGetValue(serverName, out var context) ? context : null;

    /// <summary>Loads what <paramref name="snapshot"/> names; an app whose files cannot be read gets no HTTPS and one error in the log.</summary>
    public void Update(RoutingSnapshot snapshot)
    {
        var byHost = new Dictionary<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<RouteCertificate>();
        foreach (var app in snapshot.Apps)
        {
            if (app.Certificate is not { } certificate) continue;
            used.Add(certificate);
            if (Load(certificate, app.App) is not { } context) continue;
            foreach (var host in app.Hosts) byHost[host] = context;
        }
        foreach (var gone in _loaded.Keys.Where(c => !used.Contains(c)).ToList()) _loaded.Remove(gone);
        Volatile.Write(ref _byHost, byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    private SslStreamCertificateContext? Load(RouteCertificate files, string app)
    {
        try
        {
            var stamp = (File.GetLastWriteTimeUtc(files.CertificateFile), File.GetLastWriteTimeUtc(files.KeyFile));
            if (_loaded.TryGetValue(files, out var cached) && cached.Stamp == stamp) return cached.Context;
            var context = Read(files);
            _loaded[files] = new Loaded(stamp, context);
            return context;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            _loaded.Remove(files);
            LogUnreadable(app, files.CertificateFile, files.KeyFile, e.Message);
            return null;
        }
    }

    /// <summary>The leaf with its key, plus the intermediates of the chain file, sent in every handshake.</summary>
    private static SslStreamCertificateContext Read(RouteCertificate files)
    {
        var leaf = X509Certificate2.CreateFromPemFile(files.CertificateFile, files.KeyFile);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(files.CertificateFile);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
            if (certificate.Thumbprint != leaf.Thumbprint) intermediates.Add(certificate);
        // offline: building the chain must never go to the network from a handshake.
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    private sealed record Loaded((DateTime Certificate, DateTime Key) Stamp, SslStreamCertificateContext Context);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "app {App}: certificate {CertificateFile} with key {KeyFile} cannot be loaded, its hosts get no HTTPS: {Reason}")]
    private partial void LogUnreadable(string app, string certificateFile, string keyFile, string reason);
}
