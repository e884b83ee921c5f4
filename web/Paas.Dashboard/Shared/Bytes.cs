using System.Globalization;

namespace Paas.Dashboard.Shared;

/// <summary>Sizes as people read them (512 MiB, 1.5 GiB).</summary>
public static class Bytes
{
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    public static string Limit(long? bytes) => bytes is { } b ? Format(b) : "no limit";
}
