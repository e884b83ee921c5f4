using Paas.Core.Deploys;

namespace Paas.Core.State;

public interface IDeploymentStore
{
    Task<Deployment> CreateAsync(long appId, int releaseVersion, int? previousRelease, string reason, string createdBy, CancellationToken ct);

    /// <summary>Enters <paramref name="phase"/> after <paramref name="finished"/> (null at the first) took its time; appends <paramref name="log"/>.</summary>
    Task AdvanceAsync(long id, string phase, DeploymentPhase? finished, string log, CancellationToken ct);

    Task FinishAsync(long id, DeploymentStatus status, DeploymentPhase? finished, string log, string? error, CancellationToken ct);

    Task<IReadOnlyList<Deployment>> ListAsync(long appId, int limit, CancellationToken ct);

    /// <summary>At paasd start: deploys a crashed paasd left running are failed with <paramref name="error"/>. Returns them.</summary>
    Task<IReadOnlyList<Deployment>> FailRunningAsync(string error, CancellationToken ct);

    /// <summary>Removes each app's finished deployments beyond its newest <paramref name="keep"/>; returns how many went.</summary>
    Task<int> DeleteBeyondAsync(int keep, CancellationToken ct);
}
