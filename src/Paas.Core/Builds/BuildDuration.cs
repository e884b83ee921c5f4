using System.Globalization;

namespace Paas.Core.Builds;

/// <summary>
/// Build timeouts as users type them (`builds:set APP timeout 30m`): a whole number with an
/// optional unit s, m or h (seconds without one), from one minute to a day.
/// </summary>
public static class BuildDuration
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(1);

    /// <summary>Null when <paramref name="text"/> is a valid timeout, else what is wrong and how to write one.</summary>
    public static string? TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text.Trim().ToLowerInvariant();
        var unit = trimmed.Length > 0 && "smh".Contains(trimmed[^1]) ? trimmed[^1] : (char?)null;
        var number = unit is null ? trimmed : trimmed[..^1];
        if (number.Length is 0 or > 6 || !number.All(char.IsAsciiDigit))
            return $"timeout '{(text.Length > 32 ? text[..32] + "..." : text)}' is not a duration: use a whole number with s, m or h, for example 900s, 30m or 1h";
        var amount = int.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture);
        var parsed = unit switch { 'h' => TimeSpan.FromHours(amount), 'm' => TimeSpan.FromMinutes(amount), _ => TimeSpan.FromSeconds(amount) };
        if (parsed < Minimum || parsed > Maximum)
            return $"timeout '{text}' is out of range: use 1s to 24h";
        value = parsed;
        return null;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds % 3600 == 0 ? $"{(long)value.TotalHours}h"
        : value.TotalSeconds % 60 == 0 ? $"{(long)value.TotalMinutes}m"
        : $"{(long)value.TotalSeconds}s";
}
