using System.Globalization;
using System.Text;

namespace Paas.Builds;

/// <summary>Durations as users write them in `builds:set APP timeout`: 15m, 1h30m, 45s, 500ms.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1)) return ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        var text = new StringBuilder();
        if (duration.TotalHours >= 1) text.Append(((long)duration.TotalHours).ToString(CultureInfo.InvariantCulture)).Append('h');
        if (duration.Minutes > 0) text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        if (duration.Seconds > 0) text.Append(duration.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
