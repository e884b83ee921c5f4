using Paas.Core.Auth;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class LoginThrottleStore(Db db) : ILoginThrottleStore
{
    public async Task<IReadOnlyList<LoginFailures>> FindForUpdateAsync(IReadOnlyList<string> subjects, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            """
            select subject as Subject, failures as Failures, first_failure_at as FirstFailureAt,
                   last_failure_at as LastFailureAt, locked_until as LockedUntil
            from login_throttle where subject = any(@subjects)
            order by subject
            for update
            """, new { subjects = subjects.ToArray() }, ct))
        .Select(r => new LoginFailures(r.Subject, r.Failures, Timestamps.ToOffset(r.FirstFailureAt), Timestamps.ToOffset(r.LastFailureAt),
            Timestamps.ToOffset(r.LockedUntil)))
        .ToList();

    public Task SaveAsync(LoginFailures f, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into login_throttle (subject, failures, first_failure_at, last_failure_at, locked_until)
            values (@Subject, @Failures, @FirstFailureAt, @LastFailureAt, @LockedUntil)
            on conflict (subject) do update set failures = excluded.failures, first_failure_at = excluded.first_failure_at,
                last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until
            """,
            new
            {
                f.Subject, f.Failures, FirstFailureAt = f.FirstFailureAt.UtcDateTime, LastFailureAt = f.LastFailureAt.UtcDateTime,
                LockedUntil = f.LockedUntil?.UtcDateTime,
            }, ct);

    public Task ClearAsync(string subject, CancellationToken ct) =>
        db.ExecuteAsync("delete from login_throttle where subject = @subject", new { subject }, ct);

    public Task PruneAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ExecuteAsync("delete from login_throttle where last_failure_at < @before", new { before = before.UtcDateTime }, ct);

    private sealed class Row
    {
        public string Subject { get; init; } = "";
        public int Failures { get; init; }
        public DateTime FirstFailureAt { get; init; }
        public DateTime LastFailureAt { get; init; }
        public DateTime? LockedUntil { get; init; }
    }
}
