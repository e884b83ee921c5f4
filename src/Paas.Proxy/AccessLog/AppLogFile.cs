using System.Globalization;
using System.Text.Json;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// One app's access log: <c>logs/&lt;app id&gt;/router.log</c> beside its containers' logs, with
/// <c>router.meta.json</c> naming the app and the process type "router", as conmon's files are
/// named and described (paasd's log store reads both, so <c>paas logs APP -p router</c> finds
/// it). paasd's rotator renames or prunes it like a container's log; the router notices at its
/// next flush that the path no longer holds its file and opens a new one.
/// </summary>
internal sealed class AppLogFile(string logsDirectory, long appId, string app) : IDisposable
{
    public const string SourceName = "router";

    private readonly string _directory = System.IO.Path.Combine(logsDirectory, appId.ToString(CultureInfo.InvariantCulture));
    private FileStream? _stream;

    public string App { get; private set; } = app;

    public long LastWriteTicks { get; private set; }

    public string Path => System.IO.Path.Combine(_directory, SourceName + ".log");

    /// <summary>Appends formatted records (whole lines, UTF-8) and writes them through.</summary>
    public void Write(ReadOnlySpan<byte> records, string app, long nowTicks)
    {
        if (app != App)
        {
            App = app;
            Close(); // the meta file is rewritten with the new name on open
        }
        _stream ??= Open();
        // One write per batch: the writer collects a batch's lines before it comes here.
        _stream.Write(records);
        LastWriteTicks = nowTicks;
        // Rotated or pruned since it was opened: the next write starts a new file.
        if (!File.Exists(Path)) Close();
    }

    public void Dispose() => Close();

    private FileStream Open()
    {
        Directory.CreateDirectory(_directory);
        var meta = System.IO.Path.Combine(_directory, SourceName + ".meta.json");
        var temp = meta + ".tmp";
        // The same shape as the containers' meta files (LogSource: App, ProcessType, ContainerId).
        File.WriteAllText(temp, JsonSerializer.Serialize(new { App, ProcessType = SourceName, ContainerId = SourceName }));
        File.Move(temp, meta, overwrite: true);
        return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
