using Paas.Core.State;

namespace Paas.Core.Checks;

/// <summary>
/// An app's effective checks settings (app value, else global, else Dokku's default): how long old
/// containers live after the switch, the uptime a process without checks must reach, which process
/// types skip checks or deploy without zero downtime, and the defaults of a CHECKS file.
/// </summary>
public sealed record CheckSettings(
    TimeSpan WaitToRetire,
    TimeSpan DefaultWait,
    ProcessTypeSelection Disabled,
    ProcessTypeSelection Skipped,
    LegacyCheckDefaults Legacy)
{
    public static CheckSettings Defaults { get; } = new(
        Seconds(CheckSettingKeys.WaitToRetire, null), Seconds(CheckSettingKeys.DefaultWait, null),
        ProcessTypeSelection.None, ProcessTypeSelection.None, LegacyCheckDefaults.Dokku);

    /// <summary>
    /// Reads the app's and the host's values. A global value is unset by storing an empty string
    /// (ISettingStore has no delete); unreadable stored values count as unset.
    /// </summary>
    public static async Task<CheckSettings> LoadAsync(IAppSettingStore appSettings, ISettingStore settings, long appId, CancellationToken ct)
    {
        var app = await appSettings.ListAsync(appId, ct);
        var values = new Dictionary<string, int>();
        foreach (var key in CheckSettingKeys.Settable)
        {
            values[key] = CheckSettingKeys.ReadStored(key, app.GetValueOrDefault(CheckSettingKeys.StoreKey(key)))
                ?? CheckSettingKeys.ReadStored(key, await settings.GetAsync(CheckSettingKeys.GlobalStoreKey(key), ct))
                ?? CheckSettingKeys.Default(key);
        }
        return new CheckSettings(
            TimeSpan.FromSeconds(values[CheckSettingKeys.WaitToRetire]),
            TimeSpan.FromSeconds(values[CheckSettingKeys.DefaultWait]),
            ProcessTypeSelection.FromStored(app.GetValueOrDefault(CheckSettingKeys.StoreKey(CheckSettingKeys.Disabled))),
            ProcessTypeSelection.FromStored(app.GetValueOrDefault(CheckSettingKeys.StoreKey(CheckSettingKeys.Skipped))),
            new LegacyCheckDefaults(
                TimeSpan.FromSeconds(values[CheckSettingKeys.Wait]),
                TimeSpan.FromSeconds(values[CheckSettingKeys.Timeout]),
                values[CheckSettingKeys.Attempts]));
    }

    private static TimeSpan Seconds(string key, string? stored) =>
        TimeSpan.FromSeconds(CheckSettingKeys.ReadStored(key, stored) ?? CheckSettingKeys.Default(key));
}
