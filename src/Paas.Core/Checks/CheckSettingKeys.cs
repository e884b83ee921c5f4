using System.Globalization;

namespace Paas.Core.Checks;

/// <summary>
/// The properties of `checks:set [--global] APP KEY VALUE`, Dokku's names, in whole seconds (attempts:
/// a count). Each is stored as "checks.KEY" in the app's settings or, with --global, as "checks-KEY"
/// in the host's (whose keys have no dots); the app's value wins over the global one, which wins
/// over the default. The disabled and skipped
/// process types are per app ("checks.disabled", "checks.skipped"), set by checks:disable|skip|enable.
/// </summary>
public static class CheckSettingKeys
{
    public const string WaitToRetire = "wait-to-retire";
    public const string DefaultWait = "default-wait";
    public const string Wait = "wait";
    public const string Timeout = "timeout";
    public const string Attempts = "attempts";
    public const string Disabled = "disabled";
    public const string Skipped = "skipped";

    public const string Prefix = "checks.";

    /// <summary>What checks:set takes, in the order reports list them.</summary>
    public static IReadOnlyList<string> Settable { get; } = [WaitToRetire, DefaultWait, Wait, Timeout, Attempts];

    /// <summary>The key in IAppSettingStore.</summary>
    public static string StoreKey(string key) => Prefix + key;

    /// <summary>The key in ISettingStore (host-wide).</summary>
    public static string GlobalStoreKey(string key) => "checks-" + key;

    public static int Default(string key) => key switch
    {
        WaitToRetire => 60,
        DefaultWait => 10,
        Wait => 5,
        Timeout => 30,
        Attempts => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a checks setting"),
    };

    /// <summary>What each key means, for help and errors.</summary>
    public static string Describe(string key) => key switch
    {
        WaitToRetire => "seconds old containers keep running after the switch",
        DefaultWait => "seconds a process without checks must stay up",
        Wait => "seconds a CHECKS file waits before each attempt",
        Timeout => "seconds a CHECKS request may take",
        Attempts => "tries of a CHECKS file's checks",
        _ => key,
    };

    private static (int Min, int Max) Range(string key) => key switch
    {
        WaitToRetire => (0, 86_400),
        Timeout => (1, 3600),
        Attempts => (1, 100),
        _ => (0, 3600),
    };

    /// <summary>Null and the value, or why <paramref name="text"/> is not a value of <paramref name="key"/>.</summary>
    public static string? TryParse(string key, string? text, out int value)
    {
        value = 0;
        if (!Settable.Contains(key))
            return $"unknown checks setting '{key}': use {string.Join(", ", Settable)}";
        var (min, max) = Range(key);
        var trimmed = text?.Trim() ?? "";
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return null;
        var unit = key == Attempts ? "" : " seconds";
        return $"{key} '{text}' is not a whole number from {min} to {max}{unit}";
    }

    /// <summary>A stored value, or null when absent or unreadable (then the next source applies).</summary>
    public static int? ReadStored(string key, string? stored) =>
        string.IsNullOrEmpty(stored) || TryParse(key, stored, out var value) is not null ? null : value;
}
