using System.Globalization;
using Paas.Core.Builds;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.State;

namespace Paas.Engine.Deploys;

/// <summary>
/// `ps:set APP KEY VALUE` (app_settings "ps.KEY"): the restart policy (default on-failure:10) and
/// the stop timeout, how long a retiring container has between SIGTERM and SIGKILL (Dokku's
/// default 30 s).
/// </summary>
public static class ProcessSettings
{
    public const string RestartPolicyKey = "restart-policy";
    public const string StopTimeoutKey = "stop-timeout";

    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<string> Keys { get; } = [RestartPolicyKey, StopTimeoutKey];

    public static string AppSettingKey(string key) => "ps." + key;

    /// <summary>Validates a value for <paramref name="key"/>; returns the value as stored.</summary>
    public static string Normalize(string key, string value)
    {
        switch (key)
        {
            case RestartPolicyKey:
                return RestartPolicy.TryParse(value, out var policy) is { } problem
                    ? throw new ValidationException("value", problem)
                    : policy.ToString();
            case StopTimeoutKey:
                var text = value.Trim();
                // Dokku takes plain seconds; 30s, 2m work too.
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) text += "s";
                return BuildDuration.TryParse(text, out var timeout) is { } bad || timeout > TimeSpan.FromHours(1)
                    ? throw new ValidationException("value", $"stop-timeout '{value}' is invalid: give seconds from 1 to 3600 (30, 30s, 2m)")
                    : BuildDuration.Format(timeout);
            default:
                throw new ValidationException("key", $"unknown ps setting '{key}': use {string.Join(", ", Keys)}");
        }
    }

    public static async Task<RestartPolicy> RestartPolicyAsync(IAppSettingStore settings, long appId, CancellationToken ct) =>
        await settings.GetAsync(appId, AppSettingKey(RestartPolicyKey), ct) is { } text && RestartPolicy.TryParse(text, out var policy) is null
            ? policy
            : RestartPolicy.Default;

    public static async Task<TimeSpan> StopTimeoutAsync(IAppSettingStore settings, long appId, CancellationToken ct) =>
        await settings.GetAsync(appId, AppSettingKey(StopTimeoutKey), ct) is { } text && BuildDuration.TryParse(text, out var value) is null
            ? value
            : DefaultStopTimeout;
}
