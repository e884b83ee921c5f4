using System.Text.Json;
using System.Text.RegularExpressions;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// Layout of $ROOT/logs: one dir per app; per container an active file &lt;id&gt;.log written by
/// its monitor, rotated segments &lt;id&gt;.log.&lt;utc-ticks&gt;, and &lt;id&gt;.meta.json naming the process type.
/// </summary>
public static partial class LogFiles
{
    public const string UnlabelledApp = "_unlabelled";

    public static string AppName(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ContainerLabels.App, out var app) && AppRegex().IsMatch(app) ? app : UnlabelledApp;

    public static string ProcessType(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ContainerLabels.ProcessType, out var type) && TypeRegex().IsMatch(type) ? type : "unknown";

    public static string AppDir(RuntimePaths paths, string app) => Path.Combine(paths.Logs, app);

    public static string ActiveLog(RuntimePaths paths, string app, string containerId) =>
        Path.Combine(AppDir(paths, app), containerId + ".log");

    public static string MetaFile(string appDir, string containerId) => Path.Combine(appDir, containerId + ".meta.json");

    public static void WriteMeta(RuntimePaths paths, LogSource source)
    {
        var dir = AppDir(paths, source.App);
        Directory.CreateDirectory(dir);
        File.WriteAllText(MetaFile(dir, source.ContainerId), JsonSerializer.Serialize(source));
    }

    public static LogSource ReadMeta(string appDir, string app, string containerId)
    {
        var file = MetaFile(appDir, containerId);
        try
        {
            if (File.Exists(file) && JsonSerializer.Deserialize<LogSource>(File.ReadAllText(file)) is { } meta) return meta;
        }
        catch (JsonException) { }
        return new LogSource(app, "unknown", containerId);
    }

    /// <summary>The container id of a log file (active or rotated), or null for other files.</summary>
    public static string? ContainerIdOf(string file)
    {
        var name = Path.GetFileName(file);
        var match = LogNameRegex().Match(name);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The rotation stamp of a rotated segment (&lt;id&gt;.log.&lt;ticks&gt;); null for an active file.</summary>
    public static long? SegmentStamp(string file)
    {
        var match = LogNameRegex().Match(Path.GetFileName(file));
        return match.Success && match.Groups[2].Success ? long.Parse(match.Groups[2].Value[1..]) : null;
    }

    public static bool IsActive(string file) => file.EndsWith(".log", StringComparison.Ordinal);

    public static bool IsValidApp(string app) => AppRegex().IsMatch(app) || app == UnlabelledApp;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex AppRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex TypeRegex();

    [GeneratedRegex(@"^([0-9a-f]+)\.log(\.[0-9]+)?$")]
    private static partial Regex LogNameRegex();
}
