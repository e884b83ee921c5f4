using Paas.Core.Builds;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class BuildStore(Db db) : IBuildStore
{
    private const string Columns =
        "id as Id, app_id as AppId, commit_sha as CommitSha, branch as Branch, status as Status, created_by as CreatedBy, " +
        "created_at as CreatedAt, started_at as StartedAt, finished_at as FinishedAt, image_digest as ImageDigest, " +
        "release_version as ReleaseVersion, error as Error";

    public async Task<Build> CreateAsync(long appId, string commit, string? branch, string createdBy, CancellationToken ct) =>
        (await db.QuerySingleAsync<Row>(
            $"""
            insert into builds (app_id, commit_sha, branch, status, created_by)
            values (@appId, @commit, @branch, 'queued', @createdBy)
            returning {Columns}
            """, new { appId, commit, branch, createdBy }, ct)).ToBuild();

    public async Task<Build?> FindAsync(long appId, long id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(
            $"select {Columns} from builds where app_id = @appId and id = @id", new { appId, id }, ct))?.ToBuild();

    public async Task<IReadOnlyList<Build>> ListAsync(long appId, int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            $"select {Columns} from builds where app_id = @appId order by id desc limit @limit", new { appId, limit }, ct))
        .Select(r => r.ToBuild()).ToList();

    public async Task<IReadOnlyList<Build>> ListUnfinishedAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from builds where finished_at is null order by id", null, ct))
        .Select(r => r.ToBuild()).ToList();

    public Task MarkRunningAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync("update builds set status = 'running', started_at = now() where id = @id and status = 'queued'", new { id }, ct);

    public async Task<bool> FinishAsync(long id, BuildStatus status, string? imageDigest, int? releaseVersion, string? error, CancellationToken ct)
    {
        if (status is BuildStatus.Queued or BuildStatus.Running)
            throw new ArgumentException($"{status} is not a final status", nameof(status));
        return await db.ExecuteAsync(
            """
            update builds set status = @status, finished_at = now(), image_digest = @imageDigest,
                              release_version = @releaseVersion, error = @error
            where id = @id and finished_at is null
            """,
            new { id, status = ToText(status), imageDigest, releaseVersion, error }, ct) > 0;
    }

    private static string ToText(BuildStatus status) => status.ToString().ToLowerInvariant();

    private static BuildStatus FromText(string status) => Enum.Parse<BuildStatus>(status, ignoreCase: true);

    private sealed class Row
    {
        public long Id { get; init; }
        public long AppId { get; init; }
        public string CommitSha { get; init; } = "";
        public string? Branch { get; init; }
        public string Status { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? StartedAt { get; init; }
        public DateTime? FinishedAt { get; init; }
        public string? ImageDigest { get; init; }
        public int? ReleaseVersion { get; init; }
        public string? Error { get; init; }

        public Build ToBuild() => new(
            Id, AppId, CommitSha, Branch, FromText(Status), CreatedBy, Timestamps.ToOffset(CreatedAt),
            Timestamps.ToOffset(StartedAt), Timestamps.ToOffset(FinishedAt),
            ImageDigest, ReleaseVersion, Error);
    }
}
