using Dapper;
using Npgsql;
using NpgsqlTypes;
using Paas.Core.Metrics;
using Paas.Data.Stores;

namespace Paas.Data.Metrics;

/// <summary>
/// <see cref="IMetricsStore"/> on PostgreSQL: a tick's samples go in with one binary COPY; rollup,
/// pruning and chart reads are one statement each. A database that is not there surfaces as
/// <see cref="Core.Errors.StateUnavailableException"/>, as for the state stores.
/// </summary>
public sealed class PostgresMetricsStore(NpgsqlDataSource source) : IMetricsStore
{
    public Task<IReadOnlyList<SampledContainer>> ListContainersAsync(CancellationToken ct) =>
        StateUnavailable.GuardAsync<IReadOnlyList<SampledContainer>>(source, async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<ContainerRow>(new CommandDefinition(
                """
                select c.app_id as AppId, a.name as App, c.process_type as ProcessType, c.instance as Instance,
                       c.container_id as ContainerId, c.state as State, c.restarts as Restarts, c.started_at as StartedAt
                from containers c join apps a on a.id = c.app_id
                where c.container_id is not null
                order by a.name, c.process_type, c.instance
                """, cancellationToken: ct));
            return rows.Select(r => r.ToContainer()).ToList();
        });

    public Task WriteAsync(IReadOnlyList<ContainerSample> samples, CancellationToken ct) =>
        samples.Count == 0 ? Task.CompletedTask : StateUnavailable.GuardAsync(source, async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            await using var copy = await connection.BeginBinaryImportAsync(
                "copy container_samples (app_id, process_type, instance, container_id, sampled_at, cpu_ns, cpu_percent, memory_bytes, " +
                "memory_limit_bytes, restarts) from stdin (format binary)", ct);
            foreach (var s in samples)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(s.AppId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(s.ProcessType, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(s.Instance, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(s.ContainerId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(s.SampledAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(s.CpuNanoseconds, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync((float)s.CpuPercent, NpgsqlDbType.Real, ct);
                await copy.WriteAsync(s.MemoryBytes, NpgsqlDbType.Bigint, ct);
                if (s.MemoryLimitBytes is { } limit) await copy.WriteAsync(limit, NpgsqlDbType.Bigint, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(s.Restarts, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        });

    /// <summary>
    /// Per tick first (the type's instances added up), then per minute (the ticks averaged). A minute
    /// met twice (a sample written late) is merged into its row rather than lost.
    /// </summary>
    public Task<int> RollUpAsync(DateTimeOffset before, CancellationToken ct) =>
        ExecuteAsync(
            """
            with moved as (
                delete from container_samples where sampled_at < @before
                returning app_id, process_type, sampled_at, cpu_percent, memory_bytes, memory_limit_bytes, restarts
            ), ticks as (
                select app_id, process_type, sampled_at, count(*) as instances, sum(cpu_percent) as cpu, sum(memory_bytes) as memory,
                       sum(memory_limit_bytes) as memory_limit, sum(restarts) as restarts
                from moved group by app_id, process_type, sampled_at
            )
            insert into container_metrics_minutely as m
                (app_id, process_type, minute, instances, cpu_percent, cpu_percent_max, memory_bytes, memory_bytes_max, memory_limit_bytes, restarts)
            select app_id, process_type, date_trunc('minute', sampled_at), max(instances), avg(cpu), max(cpu), avg(memory)::bigint, max(memory)::bigint,
                   (array_agg(memory_limit order by sampled_at desc))[1]::bigint, max(restarts)::integer
            from ticks
            group by app_id, process_type, date_trunc('minute', sampled_at)
            on conflict (app_id, minute, process_type) do update set
                instances = greatest(m.instances, excluded.instances),
                cpu_percent = (m.cpu_percent + excluded.cpu_percent) / 2,
                cpu_percent_max = greatest(m.cpu_percent_max, excluded.cpu_percent_max),
                memory_bytes = (m.memory_bytes + excluded.memory_bytes) / 2,
                memory_bytes_max = greatest(m.memory_bytes_max, excluded.memory_bytes_max),
                memory_limit_bytes = coalesce(excluded.memory_limit_bytes, m.memory_limit_bytes),
                restarts = greatest(m.restarts, excluded.restarts)
            """, new { before = before.UtcDateTime }, ct);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct) =>
        ExecuteAsync("delete from container_metrics_minutely where minute < @before", new { before = before.UtcDateTime }, ct);

    /// <summary>
    /// Raw ticks and minute rows never overlap (a rolled-up sample is deleted), so the two are read
    /// as one series and bucketed by <paramref name="step"/> from the Unix epoch.
    /// </summary>
    public Task<IReadOnlyList<MetricsPointRow>> ReadAsync(long appId, DateTimeOffset from, TimeSpan step, CancellationToken ct) =>
        StateUnavailable.GuardAsync<IReadOnlyList<MetricsPointRow>>(source, async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<PointRow>(new CommandDefinition(
                """
                with ticks as (
                    select process_type, sampled_at as at, sum(cpu_percent)::float8 as cpu, sum(cpu_percent)::float8 as cpu_max,
                           sum(memory_bytes)::float8 as memory, sum(memory_bytes)::float8 as memory_max,
                           sum(memory_limit_bytes)::bigint as memory_limit, sum(restarts)::integer as restarts
                    from container_samples where app_id = @appId and sampled_at >= @from
                    group by process_type, sampled_at
                    union all
                    select process_type, minute, cpu_percent::float8, cpu_percent_max::float8, memory_bytes::float8, memory_bytes_max::float8,
                           memory_limit_bytes, restarts
                    from container_metrics_minutely where app_id = @appId and minute >= @from
                )
                select process_type as ProcessType, to_timestamp(floor(extract(epoch from at) / @step) * @step) as Time,
                       avg(cpu) as CpuPercent, max(cpu_max) as CpuPercentMax, avg(memory)::bigint as MemoryBytes, max(memory_max)::bigint as MemoryBytesMax,
                       (array_agg(memory_limit order by at desc))[1] as MemoryLimitBytes, max(restarts) as Restarts
                from ticks
                group by 1, 2
                order by 1, 2
                """, new { appId, from = from.UtcDateTime, step = step.TotalSeconds }, cancellationToken: ct));
            return rows.Select(r => r.ToPoint()).ToList();
        });

    public Task<IReadOnlyList<ContainerSample>> ReadLatestAsync(long appId, DateTimeOffset since, CancellationToken ct) =>
        StateUnavailable.GuardAsync<IReadOnlyList<ContainerSample>>(source, async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            var rows = await connection.QueryAsync<SampleRow>(new CommandDefinition(
                """
                select distinct on (process_type, instance)
                       process_type as ProcessType, instance as Instance, container_id as ContainerId, sampled_at as SampledAt, cpu_ns as CpuNanoseconds,
                       cpu_percent::float8 as CpuPercent, memory_bytes as MemoryBytes, memory_limit_bytes as MemoryLimitBytes, restarts as Restarts
                from container_samples where app_id = @appId and sampled_at >= @since
                order by process_type, instance, sampled_at desc
                """, new { appId, since = since.UtcDateTime }, cancellationToken: ct));
            return rows.Select(r => r.ToSample(appId)).ToList();
        });

    private Task<int> ExecuteAsync(string sql, object args, CancellationToken ct) =>
        StateUnavailable.GuardAsync(source, async () =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            return await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        });

    private sealed class ContainerRow
    {
        public long AppId { get; init; }
        public string App { get; init; } = "";
        public string ProcessType { get; init; } = "";
        public int Instance { get; init; }
        public string ContainerId { get; init; } = "";
        public string State { get; init; } = "";
        public int Restarts { get; init; }
        public DateTime? StartedAt { get; init; }

        public SampledContainer ToContainer() =>
            new(AppId, App, ProcessType, Instance, ContainerId, State, Restarts, Timestamps.ToOffset(StartedAt));
    }

    private sealed class SampleRow
    {
        public string ProcessType { get; init; } = "";
        public int Instance { get; init; }
        public string ContainerId { get; init; } = "";
        public DateTime SampledAt { get; init; }
        public long CpuNanoseconds { get; init; }
        public double CpuPercent { get; init; }
        public long MemoryBytes { get; init; }
        public long? MemoryLimitBytes { get; init; }
        public int Restarts { get; init; }

        public ContainerSample ToSample(long appId) =>
            new(appId, ProcessType, Instance, ContainerId, Timestamps.ToOffset(SampledAt), CpuNanoseconds, CpuPercent, MemoryBytes, MemoryLimitBytes, Restarts);
    }

    private sealed class PointRow
    {
        public string ProcessType { get; init; } = "";
        public DateTime Time { get; init; }
        public double CpuPercent { get; init; }
        public double CpuPercentMax { get; init; }
        public long MemoryBytes { get; init; }
        public long MemoryBytesMax { get; init; }
        public long? MemoryLimitBytes { get; init; }
        public int Restarts { get; init; }

        public MetricsPointRow ToPoint() =>
            new(ProcessType, Timestamps.ToOffset(Time), CpuPercent, CpuPercentMax, MemoryBytes, MemoryBytesMax, MemoryLimitBytes, Restarts);
    }
}
