using System.Globalization;

namespace Paas.Core.Formation;

/// <summary>An instance's name, TYPE.N: the process type and its number from 1 ("web.1", "worker.3").</summary>
public static class DynoName
{
    public static bool IsValid(string? dyno)
    {
        var dot = dyno?.LastIndexOf('.') ?? -1;
        return dot > 0
            && ProcessType.IsValid(dyno![..dot])
            && int.TryParse(dyno[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            && dyno[(dot + 1)..] == n.ToString(CultureInfo.InvariantCulture);
    }

    public static string Problem(string? dyno) =>
        $"'{dyno}' does not name an instance: use TYPE.N, for example web.1 (`paas ps:report APP` lists them)";
}
