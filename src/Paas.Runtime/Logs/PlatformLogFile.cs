using System.Globalization;
using System.Text;
using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>
/// <see cref="IPlatformLog"/> as a log file per app and source, <c>logs/&lt;app id&gt;/&lt;source&gt;.log</c> in
/// conmon's k8s-file format with a meta file naming the source as its process type and container id, as
/// paas-router's access log is kept: the log store merges it into the app's stream and the rotator rotates it.
/// Each line opens, appends and closes (these lines are rare: a check's outcome changing), so a rotation
/// between two lines needs no care. Lines from concurrent writers are whole: one append write each.
/// </summary>
public sealed class PlatformLogFile(RuntimePaths paths, TimeProvider time) : IPlatformLog
{
    private const int MaxLineChars = 2000;

    public async Task WriteAsync(long appId, string app, string source, string text, CancellationToken ct)
    {
        if (!LogFiles.IsPlatformSource(source)) throw new ArgumentException($"'{source}' is not a platform log source", nameof(source));
        var dir = LogFiles.AppDir(paths, LogFiles.AppKey(appId));
        var log = Path.Combine(dir, source + ".log");
        if (!File.Exists(LogFiles.MetaFile(dir, source))) LogFiles.WriteMeta(log, new LogSource(app, source, source));
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(MaxLineChars).ToArray());
        var line = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture) + " stdout F " + clean + "\n";
        await using var stream = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
    }
}
