using Paas.Core.Auth;
using Paas.Core.Config;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Deploys;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;
using Paas.Engine.Releases;

namespace Paas.Engine.Config;

/// <summary>config:show|get|set|unset|keys. Audit events carry key names, never values.</summary>
public sealed class ConfigOperations(StateOperation op, EngineSettings settings, Deployer deployer)
{
    public Task<IReadOnlyDictionary<string, string>> ShowAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await s.Config.GetAllAsync(found.Id, ct);
        }, ct);

    public Task<ConfigValue> GetAsync(Actor actor, string app, string key, CancellationToken ct)
    {
        if (!ConfigKey.IsValid(key))
            throw new ValidationException("key", ConfigKey.Problem(key));
        return op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var all = await s.Config.GetAllAsync(found.Id, ct);
            return all.TryGetValue(key, out var value)
                ? new ConfigValue(key, value)
                : throw new NotFoundException($"config key '{key}' is not set on app '{app}'");
        }, ct);
    }

    public async Task<ConfigChangeResult> ChangeAsync(Actor actor, string app, ConfigChangeRequest change, CancellationToken ct)
    {
        var set = change.Set ?? new Dictionary<string, string>();
        var unset = change.Unset ?? [];
        Validate(set, unset);

        var (found, result) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            await s.Config.SetAsync(found.Id, set, ct);
            var removed = await s.Config.UnsetAsync(found.Id, unset, ct);
            // Checked on the result, under the app's row lock: the transaction rolls back when it is too much.
            var total = ConfigSize.TotalBytes(await s.Config.GetAllAsync(found.Id, ct));
            if (ConfigSize.TotalProblem(total, settings.MaxConfigBytes) is { } tooMuch)
                throw new ValidationException("set", tooMuch);
            var changed = set.Keys.Concat(removed).Distinct().Order(StringComparer.Ordinal).ToList();

            int? release = null;
            if (changed.Count > 0)
                release = await ConfigRelease.CreateIfDeployedAsync(s, found, actor, Describe(set.Keys, removed, change.NoRestart), ct);

            await StateOperation.AuditAsync(s, actor, set.Count > 0 ? "config:set" : "config:unset", app, ct,
                ("set", string.Join(",", set.Keys.Order(StringComparer.Ordinal))),
                ("unset", string.Join(",", removed)),
                ("noRestart", change.NoRestart ? "true" : "false"),
                ("release", release?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            return (found, new ConfigChangeResult(changed, release));
        }, ct);
        // Like Dokku: the app restarts with the new config (a zero-downtime deploy), unless --no-restart.
        if (result.Release is { } version && !change.NoRestart && found.ServingRelease is not null)
            await deployer.DeployAsync(actor, found, version, DeployReason.Config, null, ct);
        return result;
    }

    private static void Validate(IReadOnlyDictionary<string, string> set, IReadOnlyList<string> unset)
    {
        var errors = new ValidationErrors();
        if (set.Count == 0 && unset.Count == 0)
            errors.Add("set", "nothing to change: give at least one KEY=VALUE to set or one KEY to unset");
        foreach (var (key, value) in set)
        {
            if (!ConfigKey.IsValid(key)) errors.Add("set", ConfigKey.Problem(key));
            if (value is null) errors.Add("set", $"config key '{key}' has no value: give an empty string to set it empty");
            if (value is not null && value.Contains('\0')) errors.Add("set", $"config key '{key}' holds a NUL character, which an environment variable cannot");
            if (value is not null && ConfigKey.IsValid(key)) errors.AddIf("set", ConfigSize.EntryProblem(key, value));
        }
        foreach (var key in unset)
            if (!ConfigKey.IsValid(key)) errors.Add("unset", ConfigKey.Problem(key));
        foreach (var key in unset.Intersect(set.Keys))
            errors.Add("unset", $"config key '{key}' is both set and unset in one change");
        errors.ThrowIfAny();
    }

    private static string Describe(IEnumerable<string> set, IEnumerable<string> unset, bool noRestart)
    {
        var parts = new List<string>();
        if (set.Any()) parts.Add("Set " + string.Join(", ", set.Order(StringComparer.Ordinal)));
        if (unset.Any()) parts.Add("Unset " + string.Join(", ", unset));
        return string.Join("; ", parts) + (noRestart ? " (no restart)" : "");
    }
}
