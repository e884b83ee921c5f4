using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// Layout of $ROOT/logs: one dir per app, named by the app's id (<see cref="ContainerLabels.AppId"/>),
/// never by its name: names are reused after a destroy, ids are not. Per container an active file
/// &lt;id&gt;.log written by its monitor, rotated segments &lt;id&gt;.log.&lt;utc-ticks&gt;, and
/// &lt;id&gt;.meta.json naming the app and process type. paas-router writes the app's access log
/// the same way under the id <c>router</c> (router.log, router.meta.json with process type "router"), and
/// paasd its own lines about the app under the ids of <see cref="IPlatformLog"/>'s sources (checks.log).
/// </summary>
public static partial class LogFiles
{
    /// <summary>The log dir of containers without an app id (one-off tools, tests): no app's history.</summary>
    public const string UnlabelledApp = "_unlabelled";

    /// <summary>The process type of a log whose meta file is missing (not written yet, or lost).</summary>
    public const string UnknownProcessType = "unknown";

    /// <summary>The app's log dir name: its id, or <see cref="UnlabelledApp"/> for a container without a valid one.</summary>
    public static string AppKey(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ContainerLabels.AppId, out var value) &&
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? AppKey(id)
            : UnlabelledApp;

    public static string AppKey(long appId) =>
        appId > 0
            ? appId.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(appId), appId, "an app id is positive");

    /// <summary>The app's name when the container was made, shown with its lines (the id keys the files).</summary>
    public static string AppName(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ContainerLabels.App, out var app) && AppRegex().IsMatch(app) ? app : UnlabelledApp;

    public static string ProcessType(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(ContainerLabels.ProcessType, out var type) && TypeRegex().IsMatch(type) ? type : "unknown";

    public static string AppDir(RuntimePaths paths, string appKey) =>
        IsValidKey(appKey)
            ? Path.Combine(paths.Logs, appKey)
            : throw new ArgumentException($"'{appKey}' is not an app's log dir (an app id or {UnlabelledApp})", nameof(appKey));

    public static string ActiveLog(RuntimePaths paths, string appKey, string containerId) =>
        Path.Combine(AppDir(paths, appKey), containerId + ".log");

    public static string MetaFile(string appDir, string containerId) => Path.Combine(appDir, containerId + ".meta.json");

    /// <summary>Writes the meta file next to the container's active log.</summary>
    public static void WriteMeta(string activeLog, LogSource source)
    {
        var dir = Path.GetDirectoryName(activeLog)!;
        Directory.CreateDirectory(dir);
        File.WriteAllText(MetaFile(dir, source.ContainerId), JsonSerializer.Serialize(source));
    }

    public static LogSource ReadMeta(string appDir, string containerId)
    {
        var file = MetaFile(appDir, containerId);
        try
        {
            if (File.Exists(file) && JsonSerializer.Deserialize<LogSource>(File.ReadAllText(file)) is { } meta) return meta;
        }
        catch (JsonException) { }
        catch (FileNotFoundException) { }
        return new LogSource(UnlabelledApp, UnknownProcessType, containerId);
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
        return match.Success && match.Groups[2].Success ? long.Parse(match.Groups[2].Value[1..], CultureInfo.InvariantCulture) : null;
    }

    public static bool IsActive(string file) => file.EndsWith(".log", StringComparison.Ordinal);

    /// <summary>A log id that is the platform's (<see cref="PlatformLogFile"/>), not a container's.</summary>
    public static bool IsPlatformSource(string id) => id is IPlatformLog.Checks;

    public static bool IsValidKey(string appKey) => appKey == UnlabelledApp || KeyRegex().IsMatch(appKey);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex AppRegex();

    [GeneratedRegex("^[1-9][0-9]{0,18}$")]
    private static partial Regex KeyRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex TypeRegex();

    [GeneratedRegex(@"^([0-9a-f]+|router|checks)\.log(\.[0-9]+)?$")]
    private static partial Regex LogNameRegex();
}
