using System.Diagnostics;
using System.Globalization;

namespace Paas.Engine.Builds;

/// <summary>
/// How long each part of a build took, printed with its result so a slow push says where the time
/// went (and bench/deploy.sh can split push-to-release time without instrumenting paasd).
/// </summary>
public sealed class BuildTimings
{
    private readonly List<(string Part, TimeSpan Took)> _parts = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _part = Stopwatch.StartNew();

    /// <summary>Ends the part under way, named <paramref name="part"/>; the next one starts now.</summary>
    public void Mark(string part)
    {
        _parts.Add((part, _part.Elapsed));
        _part.Restart();
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Took {_total.Elapsed.TotalSeconds:0.00}s: {string.Join(", ", _parts.Select(p => $"{p.Part} {p.Took.TotalSeconds:0.00}s"))}");
}
