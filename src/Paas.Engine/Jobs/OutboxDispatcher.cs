using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.Logging;
using Paas.Core.Jobs;
using Paas.Core.State;
using Paas.Engine.Cron;
using Paas.Engine.Images;

namespace Paas.Engine.Jobs;

/// <summary>
/// Hands the job outbox to Hangfire once the transactions that wrote it committed: woken by the
/// outbox's notification, at every (re)connection to PostgreSQL and once a minute. Each pass locks
/// the pending rows it takes (skipping rows another pass holds), enqueues them and marks them in
/// the same transaction, so two passes, or two paasds, never hand the same row over twice. Should
/// paasd die between Hangfire's insert and that commit, the row is handed over again on the next
/// pass: the jobs are safe to run twice.
/// </summary>
public sealed partial class OutboxDispatcher(
    IStateStore state,
    IBackgroundJobClient jobs,
    RecurringJobs recurring,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 100;
    public static readonly TimeSpan SafetyPass = TimeSpan.FromSeconds(60);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _registerRecurring = 1;

    public async Task RunAsync(IStateChanges changes, CancellationToken ct)
    {
        var feeders = Task.WhenAll(FeedChangesAsync(changes, ct), FeedSafetyPassAsync(ct));
        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(ct))
            {
                try
                {
                    if (Interlocked.Exchange(ref _registerRecurring, 0) == 1) RegisterRecurring();
                    await DispatchPendingAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // PostgreSQL down, most likely: the next resync (when it is back) or the safety pass tries again.
                    LogPassFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        try { await feeders; }
        catch (OperationCanceledException) { }
    }

    /// <summary>Hands every pending row over; returns how many.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var session = await state.BeginAsync(ct);
            var pending = await session.Outbox.ClaimPendingAsync(BatchSize, ct);
            foreach (var entry in pending)
                await session.Outbox.MarkDispatchedAsync(entry.Id, Enqueue(entry), ct);
            await session.CommitAsync(ct);
            total += pending.Count;
            if (pending.Count < BatchSize) return total;
        }
    }

    private void RegisterRecurring()
    {
        try
        {
            recurring.EnsureRegistered();
        }
        catch
        {
            Volatile.Write(ref _registerRecurring, 1);
            throw;
        }
    }

    private string Enqueue(OutboxEntry entry)
    {
        var appId = entry.Argument;
        switch (entry.Job)
        {
            case OutboxJobs.ImageRetention:
                return jobs.Enqueue<ImageRetentionJob>(job => job.RunAsync(appId, CancellationToken.None));
            case OutboxJobs.CronSync:
                return jobs.Enqueue<CronRegistrar>(job => job.SyncAsync(appId, CancellationToken.None));
            default:
                // Written by a newer paasd, say: marked so that it does not block the outbox, and said.
                LogUnknownJob(logger, entry.Job, entry.Id);
                return "unknown";
        }
    }

    /// <summary>A resync (paasd start, PostgreSQL back) also registers the recurring jobs again, which may have failed while it was down.</summary>
    private async Task FeedChangesAsync(IStateChanges changes, CancellationToken ct)
    {
        await foreach (var change in changes.ListenAsync(ct))
        {
            if (change.IsResync) Volatile.Write(ref _registerRecurring, 1);
            if (change.IsResync || change.Table == "job_outbox") _wake.Writer.TryWrite(true);
        }
    }

    private async Task FeedSafetyPassAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(SafetyPass, time, ct);
            _wake.Writer.TryWrite(true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "handing the job outbox to Hangfire failed; the next notification, resync or safety pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job outbox row {Id} asks for the unknown job '{Job}'; it is marked and skipped")]
    private static partial void LogUnknownJob(ILogger logger, string job, long id);
}
