using System.Text.Json;
using Paas.Core.Checks;
using Paas.Core.Deploys;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class InstanceStore(Db db) : IInstanceStore
{
    private const string Columns =
        "id as Id, app_id as AppId, release_version as ReleaseVersion, process_type as ProcessType, instance as Number, " +
        "container_id as ContainerId, state as State, address as Address, pid as Pid, pid_start_time as PidStartTime, " +
        "boot_id as BootId, restarts as Restarts, consecutive_failures as ConsecutiveFailures, last_exit_code as LastExitCode, " +
        "oom_killed as OomKilled, started_at as StartedAt, finished_at as FinishedAt, next_restart_at as NextRestartAt, " +
        "retire_at as RetireAt, deployment_id as DeploymentId, not_ready_since as NotReadySince, last_check as LastCheck, " +
        "last_check_ok as LastCheckOk, last_check_at as LastCheckAt, check_results::text as CheckResults";

    private const string Order = "order by app_id, process_type, instance, id";

    public async Task<IReadOnlyList<Instance>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from containers where app_id = @appId {Order}", new { appId }, ct))
        .Select(r => r.ToInstance()).ToList();

    public async Task<IReadOnlyList<Instance>> ListAllAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from containers {Order}", null, ct)).Select(r => r.ToInstance()).ToList();

    public async Task<Instance?> FindAsync(long id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"select {Columns} from containers where id = @id", new { id }, ct))?.ToInstance();

    public async Task<Instance?> FindByContainerAsync(string containerId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"select {Columns} from containers where container_id = @containerId", new { containerId }, ct))?.ToInstance();

    public async Task<Instance> AddAsync(long appId, int releaseVersion, string processType, int number, long? deploymentId, CancellationToken ct) =>
        (await db.QuerySingleAsync<Row>(
            $"""
            insert into containers (app_id, release_version, process_type, instance, state, deployment_id)
            values (@appId, @releaseVersion, @processType, @number, 'starting', @deploymentId)
            returning {Columns}
            """, new { appId, releaseVersion, processType, number, deploymentId }, ct)).ToInstance();

    public Task MarkStartedAsync(long id, string containerId, string? address, int? pid, long? pidStartTime, string bootId,
        InstanceState state, DateTimeOffset startedAt, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            update containers set container_id = @containerId, address = @address, pid = @pid, pid_start_time = @pidStartTime,
                                  boot_id = @bootId, state = @state, started_at = @startedAt, finished_at = null,
                                  next_restart_at = null, not_ready_since = null
            where id = @id
            """,
            new { id, containerId, address, pid, pidStartTime, bootId, state = ToText(state), startedAt = startedAt.UtcDateTime }, ct);

    public Task SetStateAsync(long id, InstanceState state, CancellationToken ct) =>
        db.ExecuteAsync("update containers set state = @state where id = @id", new { id, state = ToText(state) }, ct);

    public Task MarkExitedAsync(long id, int? exitCode, bool oomKilled, DateTimeOffset finishedAt, InstanceState state,
        int consecutiveFailures, DateTimeOffset? nextRestartAt, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            update containers set last_exit_code = @exitCode, oom_killed = @oomKilled, finished_at = @finishedAt, state = @state,
                                  consecutive_failures = @consecutiveFailures, next_restart_at = @nextRestartAt, pid = null
            where id = @id
            """,
            new
            {
                id, exitCode, oomKilled, finishedAt = finishedAt.UtcDateTime, state = ToText(state), consecutiveFailures,
                nextRestartAt = nextRestartAt?.UtcDateTime,
            }, ct);

    public Task MarkRestartingAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync(
            "update containers set restarts = restarts + 1, container_id = null, address = null, pid = null, state = 'starting' where id = @id",
            new { id }, ct);

    public async Task<ReadinessChange?> RecordCheckAsync(RunningCheckResult result, CancellationToken ct)
    {
        // The row is locked first: two checks of one container finishing together must not lose one's result
        // (an update reading the results as another wrote them), and "before" must be the readiness as it is.
        var wasReady = await db.QuerySingleOrDefaultAsync<bool?>(
            "select not_ready_since is null from containers where container_id = @containerId for update",
            new { containerId = result.ContainerId }, ct);
        if (wasReady is not { } before) return null;
        // Readiness follows the readiness results said of the current container only: a restarted instance's old
        // failures do not hold its new container out.
        var ready = await db.QuerySingleAsync<bool>(
            """
            update containers c
            set check_results = c.check_results || jsonb_build_object(@key::text, jsonb_build_object(
                                    'type', @type::text, 'name', @name::text, 'ok', @ok, 'message', @message::text,
                                    'at', @at, 'container', c.container_id)),
                last_check = @summary, last_check_ok = @ok, last_check_at = @at,
                not_ready_since = case when not @readiness then c.not_ready_since
                                       when not @ok or exists (select 1 from jsonb_each(c.check_results) e
                                                               where e.key <> @key::text
                                                                 and e.value ->> 'type' = 'readiness'
                                                                 and not (e.value ->> 'ok')::boolean
                                                                 and e.value ->> 'container' = c.container_id)
                                       then coalesce(c.not_ready_since, @at)
                                       else null end
            where c.container_id = @containerId
            returning c.not_ready_since is null
            """,
            new
            {
                containerId = result.ContainerId, key = result.Key, type = TypeText(result.Type), name = result.Name, ok = result.Ok,
                message = result.Message, summary = result.Summary, at = result.At.UtcDateTime,
                readiness = result.Type == HealthCheckType.Readiness,
            }, ct);
        return new ReadinessChange(before, ready);
    }

    public async Task<bool> ClearNotReadyExceptAsync(IReadOnlyCollection<string> checkedContainers, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            update containers set not_ready_since = null
            where not_ready_since is not null and container_id is not null and not (container_id = any(@checkedContainers))
            """, new { checkedContainers = checkedContainers.ToArray() }, ct) > 0;

    public Task RetireAsync(IReadOnlyCollection<long> ids, DateTimeOffset retireAt, CancellationToken ct) =>
        ids.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                "update containers set state = 'retiring', retire_at = @retireAt, next_restart_at = null where id = any(@ids)",
                new { ids = ids.ToArray(), retireAt = retireAt.UtcDateTime }, ct);

    public Task DeleteAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync("delete from containers where id = @id", new { id }, ct);

    private static string ToText(InstanceState state) => state.ToString().ToLowerInvariant();

    private static string TypeText(HealthCheckType type) => type.ToString().ToLowerInvariant();

    /// <summary>One entry of <c>check_results</c> (migration 0013).</summary>
    private sealed class CheckResultEntry
    {
        public string Type { get; init; } = "";
        public string Name { get; init; } = "";
        public bool Ok { get; init; }
        public string Message { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public string Container { get; init; } = "";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>In the checks' order (their keys are their positions), entries of a type this paasd does not know left out.</summary>
    private static List<RunningCheckResult> ReadCheckResults(string? json) =>
        (json is null ? null : JsonSerializer.Deserialize<Dictionary<string, CheckResultEntry>>(json, Json) ?? [])?
        .Where(e => Enum.TryParse<HealthCheckType>(e.Value.Type, ignoreCase: true, out _))
        .OrderBy(e => int.TryParse(e.Key, out var position) ? position : int.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal)
        .Select(e => new RunningCheckResult(e.Key, Enum.Parse<HealthCheckType>(e.Value.Type, ignoreCase: true), e.Value.Name, e.Value.Ok,
            e.Value.Message, e.Value.At, e.Value.Container))
        .ToList() ?? [];

    private sealed class Row
    {
        public long Id { get; init; }
        public long AppId { get; init; }
        public int ReleaseVersion { get; init; }
        public string ProcessType { get; init; } = "";
        public int Number { get; init; }
        public string? ContainerId { get; init; }
        public string State { get; init; } = "";
        public string? Address { get; init; }
        public int? Pid { get; init; }
        public long? PidStartTime { get; init; }
        public string? BootId { get; init; }
        public int Restarts { get; init; }
        public int ConsecutiveFailures { get; init; }
        public int? LastExitCode { get; init; }
        public bool OomKilled { get; init; }
        public DateTime? StartedAt { get; init; }
        public DateTime? FinishedAt { get; init; }
        public DateTime? NextRestartAt { get; init; }
        public DateTime? RetireAt { get; init; }
        public long? DeploymentId { get; init; }
        public DateTime? NotReadySince { get; init; }
        public string? LastCheck { get; init; }
        public bool? LastCheckOk { get; init; }
        public DateTime? LastCheckAt { get; init; }
        public string? CheckResults { get; init; }

        public Instance ToInstance() => new(
            Id, AppId, ReleaseVersion, ProcessType, Number, ContainerId, Enum.Parse<InstanceState>(State, ignoreCase: true),
            Address, Pid, PidStartTime, BootId, Restarts, ConsecutiveFailures, LastExitCode, OomKilled,
            Timestamps.ToOffset(StartedAt), Timestamps.ToOffset(FinishedAt), Timestamps.ToOffset(NextRestartAt),
            Timestamps.ToOffset(RetireAt), DeploymentId, Timestamps.ToOffset(NotReadySince), LastCheck, LastCheckOk,
            Timestamps.ToOffset(LastCheckAt), ReadCheckResults(CheckResults));
    }
}
