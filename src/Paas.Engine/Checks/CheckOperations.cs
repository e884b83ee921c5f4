using Paas.Core.Auth;
using Paas.Core.Checks;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Checks;

/// <summary>
/// The checks plugin's settings: `checks:report`, `checks:set [--global]` (wait-to-retire,
/// default-wait, and wait/timeout/attempts for CHECKS files) and `checks:disable|enable|skip APP
/// [TYPES]`, stored as "checks.*" app settings (global values as "checks-*" settings). The deploy
/// reads them with <see cref="CheckSettings.LoadAsync"/>. `checks:run` is <see cref="Deploys.CheckRunOperations"/>, beside the deploy, which
/// has the running containers and the release's checks.
/// </summary>
public sealed class CheckOperations(StateOperation op)
{
    private static readonly string DisabledKey = CheckSettingKeys.StoreKey(CheckSettingKeys.Disabled);
    private static readonly string SkippedKey = CheckSettingKeys.StoreKey(CheckSettingKeys.Skipped);

    public Task<CheckSettingsView> ReportAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return await ViewAsync(s, found.Id, found.Name, ct);
        }, ct);

    /// <summary>checks:set APP KEY [VALUE]; a null value unsets the app's value.</summary>
    public Task SetAsync(Actor actor, string app, string key, string? value, CancellationToken ct)
    {
        var stored = Normalize(key, value);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (stored is null) await s.AppSettings.UnsetAsync(found.Id, CheckSettingKeys.StoreKey(key), ct);
            else await s.AppSettings.SetAsync(found.Id, CheckSettingKeys.StoreKey(key), stored, ct);
            await StateOperation.AuditAsync(s, actor, "checks:set", found.Name, ct, ("key", key), ("value", stored ?? "(unset)"));
            return 0;
        }, ct);
    }

    /// <summary>checks:set --global KEY [VALUE] (administrators); a null value unsets it (stored empty: the settings store has no delete).</summary>
    public Task SetGlobalAsync(Actor actor, string key, string? value, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "change host-wide checks settings");
        var stored = Normalize(key, value);
        return op.RunAsync(async s =>
        {
            await s.Settings.SetAsync(CheckSettingKeys.GlobalStoreKey(key), stored ?? "", ct);
            await StateOperation.AuditAsync(s, actor, "checks:set", null, ct, ("key", key), ("value", stored ?? "(unset)"), ("global", "true"));
            return 0;
        }, ct);
    }

    /// <summary>checks:disable: the types' old containers stop before new ones start, without checks (downtime). No types: all.</summary>
    public Task<CheckSettingsView> DisableAsync(Actor actor, string app, IReadOnlyList<string>? processTypes, CancellationToken ct) =>
        ChangeAsync(actor, app, "checks:disable", processTypes, (types, disabled, skipped) => types is null
            ? (ProcessTypeSelection.All, ProcessTypeSelection.None)
            : (disabled.With(types), skipped.Without(types)), ct);

    /// <summary>checks:skip: the types' new containers take over without checks or waiting (still zero downtime). No types: all.</summary>
    public Task<CheckSettingsView> SkipAsync(Actor actor, string app, IReadOnlyList<string>? processTypes, CancellationToken ct) =>
        ChangeAsync(actor, app, "checks:skip", processTypes, (types, disabled, skipped) => types is null
            ? (ProcessTypeSelection.None, ProcessTypeSelection.All)
            : (disabled.Without(types), skipped.With(types)), ct);

    /// <summary>checks:enable: the types deploy with checks and zero downtime again. No types: all.</summary>
    public Task<CheckSettingsView> EnableAsync(Actor actor, string app, IReadOnlyList<string>? processTypes, CancellationToken ct) =>
        ChangeAsync(actor, app, "checks:enable", processTypes, (types, disabled, skipped) => types is null
            ? (ProcessTypeSelection.None, ProcessTypeSelection.None)
            : (disabled.Without(types), skipped.Without(types)), ct);

    private delegate (ProcessTypeSelection Disabled, ProcessTypeSelection Skipped) Change(
        IReadOnlyList<string>? types, ProcessTypeSelection disabled, ProcessTypeSelection skipped);

    private Task<CheckSettingsView> ChangeAsync(Actor actor, string app, string action, IReadOnlyList<string>? processTypes, Change change, CancellationToken ct)
    {
        var types = CheckProcessTypes.Parse(processTypes);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var (disabled, skipped) = change(types,
                ProcessTypeSelection.FromStored(await s.AppSettings.GetAsync(found.Id, DisabledKey, ct)),
                ProcessTypeSelection.FromStored(await s.AppSettings.GetAsync(found.Id, SkippedKey, ct)));
            await StoreAsync(s, found.Id, DisabledKey, disabled, ct);
            await StoreAsync(s, found.Id, SkippedKey, skipped, ct);
            await StateOperation.AuditAsync(s, actor, action, found.Name, ct, ("processTypes", CheckProcessTypes.Describe(types)));
            return await ViewAsync(s, found.Id, found.Name, ct);
        }, ct);
    }

    private static Task StoreAsync(IStateSession s, long appId, string key, ProcessTypeSelection selection, CancellationToken ct) =>
        selection.IsNone ? s.AppSettings.UnsetAsync(appId, key, ct) : s.AppSettings.SetAsync(appId, key, selection.ToStored(), ct);

    private static string? Normalize(string key, string? value)
    {
        if (!CheckSettingKeys.Settable.Contains(key))
            throw new ValidationException("key", $"unknown checks setting '{key}': use {string.Join(", ", CheckSettingKeys.Settable)}");
        if (value is null) return null;
        return CheckSettingKeys.TryParse(key, value, out var seconds) is { } problem
            ? throw new ValidationException("value", problem)
            : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<CheckSettingsView> ViewAsync(IStateSession s, long appId, string app, CancellationToken ct)
    {
        var settings = await CheckSettings.LoadAsync(s.AppSettings, s.Settings, appId, ct);
        var appValues = await s.AppSettings.ListAsync(appId, ct);
        var views = new List<CheckSettingView>();
        foreach (var key in CheckSettingKeys.Settable)
        {
            var own = CheckSettingKeys.ReadStored(key, appValues.GetValueOrDefault(CheckSettingKeys.StoreKey(key)));
            var global = CheckSettingKeys.ReadStored(key, await s.Settings.GetAsync(CheckSettingKeys.GlobalStoreKey(key), ct));
            var source = own is not null ? CheckSettingSource.App : global is not null ? CheckSettingSource.Global : CheckSettingSource.Default;
            // The value the deploy will use, read the way it reads it.
            views.Add(new CheckSettingView(key, InEffect(settings, key), source, own, global, CheckSettingKeys.Default(key)));
        }
        return new CheckSettingsView(app, CheckProcessTypes.ToView(settings.Disabled), CheckProcessTypes.ToView(settings.Skipped), views);
    }

    private static int InEffect(CheckSettings settings, string key) => key switch
    {
        CheckSettingKeys.WaitToRetire => (int)settings.WaitToRetire.TotalSeconds,
        CheckSettingKeys.DefaultWait => (int)settings.DefaultWait.TotalSeconds,
        CheckSettingKeys.Wait => (int)settings.Legacy.Wait.TotalSeconds,
        CheckSettingKeys.Timeout => (int)settings.Legacy.Timeout.TotalSeconds,
        _ => settings.Legacy.Attempts,
    };
}
