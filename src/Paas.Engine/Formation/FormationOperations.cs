using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Formation;
using Paas.Core.Limits;
using Paas.Engine.Operations;

namespace Paas.Engine.Formation;

/// <summary>ps:scale (desired formation) and resource:limit. The scheduler acts on what is stored here.</summary>
public sealed class FormationOperations(StateOperation op, EngineSettings settings)
{
    public Task<IReadOnlyList<FormationEntry>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Formation.ListAsync(found.Id, ct);
        }, ct);

    public Task<IReadOnlyList<FormationEntry>> ScaleAsync(Actor actor, string app, IReadOnlyDictionary<string, int>? quantities, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (quantities is null || quantities.Count == 0)
            errors.Add("quantities", "nothing to scale: give TYPE=N pairs, for example web=2 worker=1");
        else if (quantities.Count > EngineSettings.MaxProcessTypes)
            errors.Add("quantities", $"{quantities.Count} process types in one request: an app may have at most {EngineSettings.MaxProcessTypes}");
        else
            foreach (var (type, quantity) in quantities)
            {
                if (!ProcessType.IsValid(type)) errors.Add("quantities", ProcessType.Problem(type));
                if (quantity is < 0 || quantity > settings.MaxInstancesPerType)
                    errors.Add("quantities", $"quantity {quantity} for '{type}' is out of range: use 0 to {settings.MaxInstancesPerType} (PAAS_MAX_INSTANCES_PER_TYPE)");
            }
        errors.ThrowIfAny();

        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            foreach (var (type, quantity) in quantities!)
                await s.Formation.SetQuantityAsync(found.Id, type, quantity, ct);
            // Checked on the result, under the app's row lock: the transaction rolls back when it is too much.
            var formation = await s.Formation.ListAsync(found.Id, ct);
            if (formation.Count > EngineSettings.MaxProcessTypes)
                throw new ValidationException("quantities",
                    $"app '{app}' would have {formation.Count} process types in its formation: an app may have at most {EngineSettings.MaxProcessTypes}");
            var total = formation.Sum(f => (long)f.Quantity);
            if (total > settings.MaxInstances)
                throw new ValidationException("quantities",
                    $"app '{app}' would run {total} containers in all: at most {settings.MaxInstances} (PAAS_MAX_INSTANCES); scale other process types down first");
            await StateOperation.AuditAsync(s, actor, "ps:scale", app, ct,
                ("formation", string.Join(",", quantities!.Select(q => $"{q.Key}={q.Value}"))));
            return await s.Formation.ListAsync(found.Id, ct);
        }, ct);
    }

    public Task<IReadOnlyList<LimitsView>> ListLimitsAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return ToViews(await s.Formation.ListLimitsAsync(found.Id, ct));
        }, ct);

    public Task<IReadOnlyList<LimitsView>> SetLimitsAsync(Actor actor, string app, SetLimitsRequest request, CancellationToken ct)
    {
        var limits = Parse(request);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var existing = (await s.Formation.ListLimitsAsync(found.Id, ct))
                .FirstOrDefault(l => l.ProcessType == request.ProcessType)?.Limits ?? ResourceLimits.None;
            await s.Formation.SetLimitsAsync(found.Id, request.ProcessType, limits.Over(existing), ct);
            await StateOperation.AuditAsync(s, actor, "resource:limit", app, ct,
                ("processType", request.ProcessType ?? "*"),
                ("memory", request.Memory ?? ""), ("cpu", request.Cpu ?? ""), ("pids", request.Pids ?? ""));
            return ToViews(await s.Formation.ListLimitsAsync(found.Id, ct));
        }, ct);
    }

    private static ResourceLimits Parse(SetLimitsRequest request)
    {
        var errors = new ValidationErrors();
        if (request.ProcessType is not null && !ProcessType.IsValid(request.ProcessType))
            errors.Add("processType", ProcessType.Problem(request.ProcessType));
        if (request.Memory is null && request.Cpu is null && request.Pids is null)
            errors.Add("memory", "no limit given: set at least one of --memory, --cpu, --pids");

        long? memory = null;
        decimal? cpus = null;
        int? pids = null;
        if (request.Memory is not null)
        {
            errors.AddIf("memory", ResourceLimitParser.TryParseMemory(request.Memory, out var bytes));
            memory = bytes;
        }
        if (request.Cpu is not null)
        {
            errors.AddIf("cpu", ResourceLimitParser.TryParseCpus(request.Cpu, out var value));
            cpus = value;
        }
        if (request.Pids is not null)
        {
            errors.AddIf("pids", ResourceLimitParser.TryParsePids(request.Pids, out var value));
            pids = value;
        }
        errors.ThrowIfAny();
        return new ResourceLimits(memory, cpus, pids);
    }

    private static IReadOnlyList<LimitsView> ToViews(IReadOnlyList<ProcessLimits> limits) =>
        limits.Select(l => new LimitsView(l.ProcessType, l.Limits.MemoryBytes, l.Limits.Cpus, l.Limits.Pids)).ToList();
}
