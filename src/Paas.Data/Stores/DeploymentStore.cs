using System.Text.Json;
using Paas.Core.Deploys;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class DeploymentStore(Db db) : IDeploymentStore
{
    private const string Columns =
        "id as Id, app_id as AppId, release_version as ReleaseVersion, previous_release as PreviousRelease, reason as Reason, " +
        "status as Status, phase as Phase, phases::text as Phases, log as Log, created_by as CreatedBy, error as Error, " +
        "created_at as CreatedAt, finished_at as FinishedAt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Deployment> CreateAsync(long appId, int releaseVersion, int? previousRelease, string reason, string createdBy, CancellationToken ct) =>
        (await db.QuerySingleAsync<Row>(
            $"""
            insert into deployments (app_id, release_version, previous_release, reason, status, phase, created_by)
            values (@appId, @releaseVersion, @previousRelease, @reason, 'running', 'queued', @createdBy)
            returning {Columns}
            """, new { appId, releaseVersion, previousRelease, reason, createdBy }, ct)).ToDeployment();

    public Task AdvanceAsync(long id, string phase, DeploymentPhase? finished, string log, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            update deployments set phase = @phase, phases = phases || @finished::jsonb, log = log || @log
            where id = @id and status = 'running'
            """,
            new { id, phase, finished = PhaseJson(finished), log }, ct);

    public Task FinishAsync(long id, DeploymentStatus status, DeploymentPhase? finished, string log, string? error, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            update deployments set status = @status, phase = 'done', phases = phases || @finished::jsonb, log = log || @log,
                                   error = @error, finished_at = now()
            where id = @id and status = 'running'
            """,
            new { id, status = status.ToString().ToLowerInvariant(), finished = PhaseJson(finished), log, error }, ct);

    public async Task<IReadOnlyList<Deployment>> ListAsync(long appId, int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from deployments where app_id = @appId order by id desc limit @limit",
            new { appId, limit }, ct)).Select(r => r.ToDeployment()).ToList();

    public async Task<IReadOnlyList<Deployment>> FailRunningAsync(string error, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            $"update deployments set status = 'failed', error = @error, finished_at = now() where status = 'running' returning {Columns}",
            new { error }, ct)).Select(r => r.ToDeployment()).ToList();

    public Task<int> DeleteBeyondAsync(int keep, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            delete from deployments d
            using (select id, row_number() over (partition by app_id order by id desc) as n from deployments) ranked
            where d.id = ranked.id and ranked.n > @keep and d.status <> 'running'
            """, new { keep }, ct);

    private static string PhaseJson(DeploymentPhase? phase) =>
        phase is null ? "[]" : JsonSerializer.Serialize(new[] { phase }, Json);

    private sealed class Row
    {
        public long Id { get; init; }
        public long AppId { get; init; }
        public int ReleaseVersion { get; init; }
        public int? PreviousRelease { get; init; }
        public string Reason { get; init; } = "";
        public string Status { get; init; } = "";
        public string Phase { get; init; } = "";
        public string Phases { get; init; } = "[]";
        public string Log { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public string? Error { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? FinishedAt { get; init; }

        public Deployment ToDeployment() => new(
            Id, AppId, ReleaseVersion, PreviousRelease, Reason, Enum.Parse<DeploymentStatus>(Status, ignoreCase: true), Phase,
            JsonSerializer.Deserialize<List<DeploymentPhase>>(Phases, Json) ?? [], Log, CreatedBy, Error,
            Timestamps.ToOffset(CreatedAt), Timestamps.ToOffset(FinishedAt));
    }
}
