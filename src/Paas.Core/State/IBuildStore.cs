using Paas.Core.Builds;

namespace Paas.Core.State;

/// <summary>Build records. A build is created queued, started, and finished exactly once.</summary>
public interface IBuildStore
{
    Task<Build> CreateAsync(long appId, string commit, string? branch, string createdBy, CancellationToken ct);

    Task<Build?> FindAsync(long appId, long id, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Build>> ListAsync(long appId, int limit, CancellationToken ct);

    /// <summary>Builds not finished (queued or running), of every app: at paasd start they are the ones a crash interrupted.</summary>
    Task<IReadOnlyList<Build>> ListUnfinishedAsync(CancellationToken ct);

    Task MarkRunningAsync(long id, CancellationToken ct);

    /// <summary>Sets the final status once; a build already finished is left as it is (returns false).</summary>
    Task<bool> FinishAsync(long id, BuildStatus status, string? imageDigest, int? releaseVersion, string? error, CancellationToken ct);
}
