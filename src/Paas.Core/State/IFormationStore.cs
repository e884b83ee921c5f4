using Paas.Core.Formation;
using Paas.Core.Limits;

namespace Paas.Core.State;

public interface IFormationStore
{
    Task<IReadOnlyList<FormationEntry>> ListAsync(long appId, CancellationToken ct);

    Task SetQuantityAsync(long appId, string processType, int quantity, CancellationToken ct);

    Task<IReadOnlyList<ProcessLimits>> ListLimitsAsync(long appId, CancellationToken ct);

    /// <summary>Stores limits for the app (<paramref name="processType"/> null) or one process type.</summary>
    Task SetLimitsAsync(long appId, string? processType, ResourceLimits limits, CancellationToken ct);
}
