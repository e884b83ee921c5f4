using System.Globalization;

namespace Paas.Cli.Commands;

/// <summary>How values read in text output, the same in every command.</summary>
public static class Display
{
    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "never";

    public static string Release(int? version) => version is { } v ? $"v{v}" : "none";

    /// <summary>0.5 rather than the database's 0.500.</summary>
    public static string Cpus(decimal cpus) => cpus.ToString("0.####", CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>1536 is "1.5 KiB": binary units, one decimal, as du -h would round.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string List(IEnumerable<string> items)
    {
        var text = string.Join(' ', items);
        return text.Length == 0 ? "none" : text;
    }
}
