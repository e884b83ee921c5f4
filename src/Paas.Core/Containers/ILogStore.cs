namespace Paas.Core.Containers;

/// <summary>
/// Container output kept per app (not per container), so history survives restarts and
/// redeploys. Keyed by the app's id, which is never reused: a new app that takes a destroyed
/// app's name starts with no history. A null <c>processType</c> means every process type.
/// </summary>
public interface ILogStore
{
    /// <summary>The last <paramref name="lines"/> lines in time order.</summary>
    Task<IReadOnlyList<LogLine>> TailAsync(long appId, int lines, string? processType, CancellationToken ct);

    /// <summary>Lines written from now on, including by containers started later, until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowAsync(long appId, string? processType, CancellationToken ct);

    /// <summary>Removes the app's whole history (apps:destroy). Nothing to remove is not an error.</summary>
    Task DeleteAsync(long appId, CancellationToken ct);

    /// <summary>Bytes the app's log history takes on disk (0 for none).</summary>
    Task<long> SizeBytesAsync(long appId, CancellationToken ct);
}
