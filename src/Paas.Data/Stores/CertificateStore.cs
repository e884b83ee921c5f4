using Paas.Core.Certificates;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class CertificateStore(Db db) : ICertificateStore
{
    private const string Columns =
        "app_id as AppId, certificate as CertificatePem, private_key as PrivateKeyPem, subject as Subject, names as Names, " +
        "not_after as NotAfter, created_at as CreatedAt";

    public async Task<AppCertificate?> FindAsync(long appId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"select {Columns} from certificates where app_id = @appId", new { appId }, ct))?.ToCertificate();

    public async Task<IReadOnlyList<AppCertificate>> ListAllAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from certificates order by app_id", null, ct)).Select(r => r.ToCertificate()).ToList();

    public Task SetAsync(AppCertificate certificate, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into certificates (app_id, certificate, private_key, subject, names, not_after)
            values (@AppId, @CertificatePem, @PrivateKeyPem, @Subject, @Names, @NotAfter)
            on conflict (app_id) do update set certificate = excluded.certificate, private_key = excluded.private_key,
                subject = excluded.subject, names = excluded.names, not_after = excluded.not_after, created_at = now()
            """,
            new
            {
                certificate.AppId, certificate.CertificatePem, certificate.PrivateKeyPem, certificate.Subject,
                Names = certificate.Names.ToArray(), NotAfter = certificate.NotAfter.UtcDateTime,
            }, ct);

    public async Task<bool> RemoveAsync(long appId, CancellationToken ct) =>
        await db.ExecuteAsync("delete from certificates where app_id = @appId", new { appId }, ct) > 0;

    private sealed class Row
    {
        public long AppId { get; init; }
        public string CertificatePem { get; init; } = "";
        public string PrivateKeyPem { get; init; } = "";
        public string Subject { get; init; } = "";
        public string[] Names { get; init; } = [];
        public DateTime NotAfter { get; init; }
        public DateTime CreatedAt { get; init; }

        public AppCertificate ToCertificate() =>
            new(AppId, CertificatePem, PrivateKeyPem, Subject, Names, Timestamps.ToOffset(NotAfter), Timestamps.ToOffset(CreatedAt));
    }
}
