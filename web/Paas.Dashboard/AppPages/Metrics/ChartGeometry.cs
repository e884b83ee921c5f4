using System.Globalization;
using System.Text;

namespace Paas.Dashboard.AppPages.Metrics;

/// <summary>
/// The arithmetic of the inline SVG charts: a round top for the value axis, and the SVG path of a series
/// that breaks where points are missing (a bucket where nothing ran is a gap, not a line across it).
/// </summary>
public static class ChartGeometry
{
    /// <summary>The smallest 1, 2 or 5 × 10ⁿ at or above <paramref name="max"/> (at least <paramref name="floor"/>).</summary>
    public static double NiceTop(double max, double floor)
    {
        var value = Math.Max(max, floor);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (factor * magnitude >= value) return factor * magnitude;
        return 10 * magnitude;
    }

    /// <summary>
    /// The series as one SVG path ("M x y L x y ..."): a new sub-path ("M") after a gap wider than 1.5 steps.
    /// Lone points (a run between two gaps) are returned separately, to be drawn as dots.
    /// </summary>
    public static (string Path, IReadOnlyList<(double X, double Y)> Dots) Trace(IReadOnlyList<ChartPoint> points, TimeSpan step,
        Func<DateTimeOffset, double> x, Func<double, double> y)
    {
        var path = new StringBuilder();
        var dots = new List<(double, double)>();
        var run = new List<(double X, double Y)>();
        DateTimeOffset? previous = null;
        foreach (var point in points)
        {
            if (previous is { } p && point.Time - p > step * 1.5) Flush();
            run.Add((x(point.Time), y(point.Value)));
            previous = point.Time;
        }
        Flush();
        return (path.ToString().TrimEnd(), dots);

        void Flush()
        {
            if (run.Count == 1) dots.Add(run[0]);
            else
                for (var i = 0; i < run.Count; i++)
                    path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{run[i].X:0.#},{run[i].Y:0.#} ");
            run.Clear();
        }
    }
}
