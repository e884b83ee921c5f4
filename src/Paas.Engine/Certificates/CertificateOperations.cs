using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Engine.Operations;

namespace Paas.Engine.Certificates;

/// <summary>
/// certs:add|remove|report. A certificate turns on HTTPS for the app on the router's https listener
/// (443, or PAAS_HTTPS_PORT), chosen by SNI among the app's host names; with redirect, plain HTTP
/// requests for the app get a 301 to HTTPS. The private key is never returned.
/// </summary>
public sealed class CertificateOperations(StateOperation op, TimeProvider time)
{
    public const string RedirectSetting = "certs.redirect-https";

    public Task<CertificateView> AddAsync(Actor actor, string app, AddCertificateRequest request, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var certificate = CertificateReader.Read(found.Id, request.Certificate, request.Key, time.GetUtcNow());
            await s.Certificates.SetAsync(certificate, ct);
            if (request.RedirectHttps) await s.AppSettings.SetAsync(found.Id, RedirectSetting, "true", ct);
            else await s.AppSettings.UnsetAsync(found.Id, RedirectSetting, ct);
            await StateOperation.AuditAsync(s, actor, "certs:add", app, ct, ("subject", certificate.Subject), ("names", string.Join(",", certificate.Names)));
            return new CertificateView(certificate.Subject, certificate.Names, certificate.NotAfter, request.RedirectHttps);
        }, ct);

    public Task<CertificateView> ReportAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var certificate = await s.Certificates.FindAsync(found.Id, ct)
                ?? throw new NotFoundException($"app '{app}' has no certificate: add one with `paas certs:add {app} CRT KEY`");
            return new CertificateView(certificate.Subject, certificate.Names, certificate.NotAfter,
                await s.AppSettings.GetAsync(found.Id, RedirectSetting, ct) == "true");
        }, ct);

    public Task RemoveAsync(Actor actor, string app, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (!await s.Certificates.RemoveAsync(found.Id, ct))
                throw new NotFoundException($"app '{app}' has no certificate to remove");
            await s.AppSettings.UnsetAsync(found.Id, RedirectSetting, ct);
            await StateOperation.AuditAsync(s, actor, "certs:remove", app, ct);
            return 0;
        }, ct);
}
