using Paas.Core.Jobs;

namespace Paas.Data.Stores;

internal sealed class JobOutboxStore(Db db) : IJobOutboxStore
{
    public Task AddAsync(string job, long argument, CancellationToken ct) =>
        db.ExecuteAsync("insert into job_outbox (job, argument) values (@job, @argument)", new { job, argument }, ct);

    public async Task<IReadOnlyList<OutboxEntry>> ClaimPendingAsync(int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            """
            select id as Id, job as Job, argument as Argument, created_at as CreatedAt
            from job_outbox where dispatched_at is null
            order by id limit @limit
            for update skip locked
            """, new { limit }, ct))
        .Select(r => new OutboxEntry(r.Id, r.Job, r.Argument, Timestamps.ToOffset(r.CreatedAt))).ToList();

    public Task MarkDispatchedAsync(long id, string jobId, CancellationToken ct) =>
        db.ExecuteAsync("update job_outbox set dispatched_at = now(), hangfire_job = @jobId where id = @id", new { id, jobId }, ct);

    public Task<int> DeleteDispatchedBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ExecuteAsync("delete from job_outbox where dispatched_at < @before", new { before = before.UtcDateTime }, ct);

    private sealed class Row
    {
        public long Id { get; init; }
        public string Job { get; init; } = "";
        public long Argument { get; init; }
        public DateTime CreatedAt { get; init; }
    }
}
