using Paas.Core.Errors;

namespace Paas.Core.Metrics;

/// <summary>
/// How far back a chart looks and how wide each of its points is: 1h in 30 s points (120, from raw
/// samples), 24h in 5 min points (288, from the minute rollups).
/// </summary>
public sealed record MetricsRange(string Name, TimeSpan Span, TimeSpan Step)
{
    public static readonly MetricsRange Hour = new("1h", TimeSpan.FromHours(1), TimeSpan.FromSeconds(30));
    public static readonly MetricsRange Day = new("24h", TimeSpan.FromHours(24), TimeSpan.FromMinutes(5));

    public static IReadOnlyList<MetricsRange> All { get; } = [Hour, Day];

    /// <summary>The range named "1h" or "24h"; null for anything else.</summary>
    public static MetricsRange? Find(string? name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>What is wrong with <paramref name="name"/>, or null when it names a range.</summary>
    public static string? Problem(string? name) =>
        Find(name) is null ? $"range '{name}' is not known: use {string.Join(" or ", All.Select(r => r.Name))}" : null;

    /// <summary>"1h" or "24h"; anything else is a <see cref="ValidationException"/> on the field "range".</summary>
    public static MetricsRange Parse(string? name) => Find(name) ?? throw new ValidationException("range", Problem(name)!);
}
