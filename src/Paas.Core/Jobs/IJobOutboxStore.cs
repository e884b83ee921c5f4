namespace Paas.Core.Jobs;

/// <summary>
/// The job outbox: an operation adds an entry in the same transaction as the change that calls for
/// the job, so the job is asked for exactly when the change commits (and never for a change that
/// rolled back). A dispatcher hands pending entries to the job queue after the commit.
/// </summary>
public interface IJobOutboxStore
{
    /// <summary>Adds a pending entry (jobs are safe to run twice, so an identical pending one is not looked for).</summary>
    Task AddAsync(string job, long argument, CancellationToken ct);

    /// <summary>
    /// Pending entries, oldest first, locked until this transaction ends; entries another transaction
    /// holds are skipped, so two dispatchers never take the same one.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimPendingAsync(int limit, CancellationToken ct);

    /// <summary>Records that <paramref name="id"/> was handed to the job queue as <paramref name="jobId"/>.</summary>
    Task MarkDispatchedAsync(long id, string jobId, CancellationToken ct);

    /// <summary>Removes entries dispatched before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteDispatchedBeforeAsync(DateTimeOffset before, CancellationToken ct);
}
