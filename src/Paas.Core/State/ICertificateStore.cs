using Paas.Core.Certificates;

namespace Paas.Core.State;

public interface ICertificateStore
{
    Task<AppCertificate?> FindAsync(long appId, CancellationToken ct);

    Task<IReadOnlyList<AppCertificate>> ListAllAsync(CancellationToken ct);

    /// <summary>Adds or replaces the app's certificate.</summary>
    Task SetAsync(AppCertificate certificate, CancellationToken ct);

    Task<bool> RemoveAsync(long appId, CancellationToken ct);
}
