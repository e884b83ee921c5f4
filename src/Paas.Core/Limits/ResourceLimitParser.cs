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

    /// <summary>The kernel's PID_MAX_LIMIT on 64-bit: pids.max refuses anything larger, so the container would never start.</summary>
    public const int MaximumPids = 4 * 1024 * 1024;

    /// <summary>Longer input is a paste accident, not a size; it is refused before parsing.</summary>
    private const int MaxTextLength = 64;

    public static string? TryParseMemory(string text, out long bytes)
    {
        var problem = TryParseSize(text, out bytes);
        if (problem is not null)
            return $"memory '{Shorten(text)}' {problem}";
        if (bytes < MinimumMemoryBytes)
        {
            bytes = 0;
            return $"memory '{text}' is too small: the minimum is 6m";
        }
        return null;
    }

    /// <summary>
    /// A byte count with an optional unit k, m, g, t (powers of 1024) and an optional trailing b.
    /// Returns what is wrong ("is not a size: ...", "is too large: ...") or null.
    /// </summary>
    public static string? TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var value = text.Trim().ToLowerInvariant();
        if (value.Length > MaxTextLength)
            return "is not a size: use a number with an optional unit k, m, g (for example 512m or 1g)";
        long multiplier = 1;
        if (value.EndsWith('b')) value = value[..^1];
        if (value.Length > 0 && "kmgt".Contains(value[^1]))
        {
            multiplier = value[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L << 40 };
            value = value[..^1];
        }
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return "is not a size: use a number with an optional unit k, m, g (for example 512m or 1g)";
        // Compared before multiplying: the product of a 26-digit number and 2^40 does not fit in a decimal.
        if (number > long.MaxValue / (decimal)multiplier)
            return $"is too large: the most is {long.MaxValue} bytes";
        bytes = (long)(number * multiplier);
        return null;
    }

    public static string? TryParseCpus(string text, out decimal cpus)
    {
        cpus = 0;
        if (text.Length > MaxTextLength || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return $"cpu '{Shorten(text)}' is not a number: give CPUs as a decimal, for example 0.5 or 2";
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
        var trimmed = text.Trim();
        if (trimmed.Length is > 0 and <= MaxTextLength && trimmed.All(char.IsAsciiDigit) && !int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return $"pids '{Shorten(text)}' is too large: the maximum is {MaximumPids}";
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return $"pids '{Shorten(text)}' is not a whole number: give the most processes allowed, for example 256";
        if (value < MinimumPids)
            return $"pids '{text}' is too small: the minimum is {MinimumPids}";
        if (value > MaximumPids)
            return $"pids '{text}' is too large: the maximum is {MaximumPids} (the kernel's limit)";
        pids = value;
        return null;
    }

    /// <summary>Formats bytes the way users typed them: 512m, 2g.</summary>
    public static string FormatMemory(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}g"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20}m"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10}k"
        : bytes.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "...";
}
