using System.Globalization;

namespace Paas.Core.Limits;

/// <summary>
/// Parses the values users type for <c>resource:limit</c>: memory as Docker does
/// (<c>512m</c>, <c>1g</c>, <c>1048576</c>), CPUs as a decimal count (<c>0.5</c>), pids as a count.
/// Each method returns an error message that says how to fix the value, or null.
/// </summary>
public static class ResourceLimitParser
{
    /// <summary>Below this the runtime cannot even start its init process.</summary>
    public const long MinimumMemoryBytes = 6 * ResourceLimits.MiB;
    public const int MinimumPids = 8;

    public static string? TryParseMemory(string text, out long bytes)
    {
        bytes = 0;
        var value = text.Trim().ToLowerInvariant();
        long multiplier = 1;
        if (value.EndsWith('b')) value = value[..^1];
        if (value.Length > 0 && "kmgt".Contains(value[^1]))
        {
            multiplier = value[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L << 40 };
            value = value[..^1];
        }
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return $"memory '{text}' is not a size: use a number with an optional unit k, m, g (for example 512m or 1g)";
        var total = number * multiplier;
        if (total < MinimumMemoryBytes)
            return $"memory '{text}' is too small: the minimum is 6m";
        if (total > long.MaxValue)
            return $"memory '{text}' is too large";
        bytes = (long)total;
        return null;
    }

    public static string? TryParseCpus(string text, out decimal cpus)
    {
        cpus = 0;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return $"cpu '{text}' is not a number: give CPUs as a decimal, for example 0.5 or 2";
        if (value < 0.01m)
            return $"cpu '{text}' is too small: the minimum is 0.01";
        if (value > 1024m)
            return $"cpu '{text}' is too large: the maximum is 1024";
        cpus = value;
        return null;
    }

    public static string? TryParsePids(string text, out int pids)
    {
        pids = 0;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return $"pids '{text}' is not a whole number: give the most processes allowed, for example 256";
        if (value < MinimumPids)
            return $"pids '{text}' is too small: the minimum is {MinimumPids}";
        pids = value;
        return null;
    }

    /// <summary>Formats bytes the way users typed them: 512m, 2g.</summary>
    public static string FormatMemory(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}g"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20}m"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10}k"
        : bytes.ToString(CultureInfo.InvariantCulture);
}
