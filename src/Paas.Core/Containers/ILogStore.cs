namespace Paas.Core.Containers;

/// <summary>
/// Container output kept per app (not per container), so history survives restarts and
/// redeploys. A null <c>processType</c> means every process type.
/// </summary>
public interface ILogStore
{
    /// <summary>The last <paramref name="lines"/> lines in time order.</summary>
    Task<IReadOnlyList<LogLine>> TailAsync(string app, int lines, string? processType, CancellationToken ct);

    /// <summary>Lines written from now on, including by containers started later, until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<LogLine> FollowAsync(string app, string? processType, CancellationToken ct);
}
