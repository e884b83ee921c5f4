using System.Globalization;
using Paas.Core.Builds;
using Paas.Core.Errors;
using Paas.Core.Limits;
using Paas.Core.State;

namespace Paas.Engine.Builds;

/// <summary>
/// `builds:set APP KEY [VALUE]` (per app, in app_settings as "builds.KEY") and `builds:set --global
/// parallel N` (in settings): the build's timeout and limits, how many of its images the app keeps
/// (image-retention), and how many builds the host runs at once. An unset value is the default.
/// </summary>
public static class BuildSettings
{
    public const string Timeout = "timeout";
    public const string Memory = "memory";
    public const string Cpus = "cpus";
    public const string Parallel = "parallel";
    public const string ImageRetention = "image-retention";

    public const string ParallelSetting = "build-parallel";

    /// <summary>Builds compile (npm, go): more than an app at run time, bounded so one push cannot take the host.</summary>
    public static ResourceLimits DefaultLimits => ResourceLimits.BuildDefaults;

    public const int DefaultParallel = 4;
    public const int MaxParallel = 64;

    /// <summary>The images of the app's last 5 builds that made releases stay (rollback targets); older ones are deleted.</summary>
    public const int DefaultImageRetention = 5;
    public const int MaxImageRetention = 100;

    public static IReadOnlyList<string> AppKeys { get; } = [Timeout, Memory, Cpus, ImageRetention];

    public static string AppSettingKey(string key) => "builds." + key;

    /// <summary>Validates a value for <paramref name="key"/>; returns the value as stored.</summary>
    public static string Normalize(string key, string value)
    {
        string? problem;
        switch (key)
        {
            case Timeout:
                problem = BuildDuration.TryParse(value, out var timeout);
                return problem is null ? BuildDuration.Format(timeout) : throw new ValidationException("value", problem);
            case Memory:
                problem = ResourceLimitParser.TryParseMemory(value, out var bytes);
                return problem is null ? ResourceLimitParser.FormatMemory(bytes) : throw new ValidationException("value", problem);
            case Cpus:
                problem = ResourceLimitParser.TryParseCpus(value, out var cpus);
                return problem is null ? cpus.ToString(CultureInfo.InvariantCulture) : throw new ValidationException("value", problem);
            case Parallel:
                return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) && parallel is >= 1 and <= MaxParallel
                    ? parallel.ToString(CultureInfo.InvariantCulture)
                    : throw new ValidationException("value", $"parallel '{value}' is not a whole number from 1 to {MaxParallel}");
            case ImageRetention:
                return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kept) && kept is >= 1 and <= MaxImageRetention
                    ? kept.ToString(CultureInfo.InvariantCulture)
                    : throw new ValidationException("value", $"image-retention '{value}' is not a whole number from 1 to {MaxImageRetention} (how many of the app's newest images stay)");
            default:
                throw new ValidationException("key", $"unknown build setting '{key}': use {string.Join(", ", AppKeys)} (per app) or {Parallel} (with --global)");
        }
    }

    public static async Task<TimeSpan> TimeoutAsync(IAppSettingStore settings, long appId, CancellationToken ct) =>
        await settings.GetAsync(appId, AppSettingKey(Timeout), ct) is { } text && BuildDuration.TryParse(text, out var value) is null
            ? value
            : BuildDuration.DefaultTimeout;

    public static async Task<ResourceLimits> LimitsAsync(IAppSettingStore settings, long appId, CancellationToken ct)
    {
        var limits = DefaultLimits;
        if (await settings.GetAsync(appId, AppSettingKey(Memory), ct) is { } memory && ResourceLimitParser.TryParseMemory(memory, out var bytes) is null)
            limits = limits with { MemoryBytes = bytes };
        if (await settings.GetAsync(appId, AppSettingKey(Cpus), ct) is { } cpus && ResourceLimitParser.TryParseCpus(cpus, out var count) is null)
            limits = limits with { Cpus = count };
        return limits;
    }

    public static async Task<int> ImageRetentionAsync(IAppSettingStore settings, long appId, CancellationToken ct) =>
        await settings.GetAsync(appId, AppSettingKey(ImageRetention), ct) is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var kept) && kept is >= 1 and <= MaxImageRetention
            ? kept
            : DefaultImageRetention;

    public static int ParseParallel(string? stored) =>
        int.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxParallel ? value : DefaultParallel;
}
