using Paas.Core.Formation;
using Paas.Core.Limits;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class FormationStore(Db db) : IFormationStore
{
    /// <summary>The row of resource_limits that holds the app-wide limits.</summary>
    private const string AppWide = "";

    public async Task<IReadOnlyList<FormationEntry>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<(string ProcessType, int Quantity)>(
            "select process_type, quantity from formation where app_id = @appId order by process_type", new { appId }, ct))
        .Select(r => new FormationEntry(r.ProcessType, r.Quantity)).ToList();

    public Task SetQuantityAsync(long appId, string processType, int quantity, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into formation (app_id, process_type, quantity) values (@appId, @processType, @quantity)
            on conflict (app_id, process_type) do update set quantity = excluded.quantity
            """,
            new { appId, processType, quantity }, ct);

    public async Task<IReadOnlyList<ProcessLimits>> ListLimitsAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<(string ProcessType, long? MemoryBytes, decimal? Cpus, int? Pids)>(
            "select process_type, memory_bytes, cpus, pids from resource_limits where app_id = @appId order by process_type",
            new { appId }, ct))
        .Select(r => new ProcessLimits(r.ProcessType == AppWide ? null : r.ProcessType, new ResourceLimits(r.MemoryBytes, r.Cpus, r.Pids)))
        .ToList();

    public Task SetLimitsAsync(long appId, string? processType, ResourceLimits limits, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            insert into resource_limits (app_id, process_type, memory_bytes, cpus, pids)
            values (@appId, @processType, @MemoryBytes, @Cpus, @Pids)
            on conflict (app_id, process_type) do update
              set memory_bytes = excluded.memory_bytes, cpus = excluded.cpus, pids = excluded.pids
            """,
            new { appId, processType = processType ?? AppWide, limits.MemoryBytes, limits.Cpus, limits.Pids }, ct);
}
