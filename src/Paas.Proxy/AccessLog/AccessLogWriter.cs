using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// Writes access log entries (requests and tcp connections) to the apps' router.log files off the
/// traffic's path: a request or connection only queues its entry; this formats what has queued and writes it in one write per app at most
/// every <see cref="FlushInterval"/> (or per 64 KiB, as nginx's <c>buffer=64k</c>). A full queue (the disk cannot keep up) drops entries rather
/// than slow requests down, and says how many it dropped. Files of apps without traffic for a
/// while are closed.
/// <para>
/// Each line is formatted as UTF-8 into one reused line buffer and copied into the app's reused byte buffer:
/// a batch of thousands of lines as one string (and its UTF-8 copy) was a large-object
/// allocation every flush, and those set off a full (gen2) collection several times a second
/// under load: pauses that showed in the router's p99.
/// </para>
/// </summary>
internal sealed partial class AccessLogWriter(RouterSettings settings, ILogger<AccessLogWriter> logger) : BackgroundService
{
    // Short, so each round is short: at 45k requests a second, 200 ms of lines took the writer a
    // burst of milliseconds on one of the cores the socket threads need, every 200 ms, which is
    // the scale of the p99. 20 ms spreads the same work into bursts a tenth as long (50 writes a
    // second at most, per app).
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan IdleClose = TimeSpan.FromMinutes(1);
    private const int QueueLimit = 100_000;

    // Unbounded with a count of our own: its writes take no lock (a bounded channel's do), and every
    // request writes one. The count keeps the limit.
    private readonly Channel<AccessLogRecord> _queue = Channel.CreateUnbounded<AccessLogRecord>(new UnboundedChannelOptions { SingleReader = true });
    private long _queued;
    private readonly Dictionary<long, AppLogFile> _files = [];
    private readonly Dictionary<long, AppLogBuffer> _batch = [];
    private readonly Utf8LogLine _line = new();
    private long _dropped;

    public void Add(AccessLogRecord entry)
    {
        if (Interlocked.Increment(ref _queued) > QueueLimit || !_queue.Writer.TryWrite(entry))
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Task<bool>? waiting = null;
            while (true)
            {
                waiting ??= _queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(IdleClose, stoppingToken)) != waiting)
                {
                    stoppingToken.ThrowIfCancellationRequested();
                    CloseIdle();
                    continue;
                }
                var more = await waiting;
                waiting = null;
                if (!more) break;
                WriteQueued();
                await Task.Delay(FlushInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // The listeners stopped before this: every request's entry is queued by now.
            WriteQueued();
            foreach (var file in _files.Values) file.Dispose();
            _files.Clear();
        }
    }

    private void WriteQueued()
    {
        var now = Stopwatch.GetTimestamp();
        while (_queue.Reader.TryRead(out var entry))
        {
            Interlocked.Decrement(ref _queued);
            if (!_batch.TryGetValue(entry.AppId, out var batch))
                _batch[entry.AppId] = batch = new AppLogBuffer();
            batch.App = entry.App;
            _line.Clear();
            entry.AppendTo(_line);
            if (!batch.TryAppend(_line.Written))
            {
                Write(entry.AppId, batch, now);
                // A line longer than the whole buffer: written by itself.
                if (!batch.TryAppend(_line.Written)) WriteBytes(entry.AppId, batch.App, _line.Written, now);
            }
        }
        foreach (var (appId, batch) in _batch)
            if (batch.Length > 0) Write(appId, batch, now);
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0) LogDropped(dropped);
    }

    private void Write(long appId, AppLogBuffer batch, long now)
    {
        WriteBytes(appId, batch.App, batch.Written, now);
        batch.Clear();
    }

    private void WriteBytes(long appId, string app, ReadOnlySpan<byte> bytes, long now)
    {
        if (!_files.TryGetValue(appId, out var file))
            _files[appId] = file = new AppLogFile(settings.LogsDirectory, appId, app);
        try
        {
            file.Write(bytes, app, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Dispose();
            _files.Remove(appId);
            LogWriteFailed(app, file.Path, e.Message);
        }
    }

    private void CloseIdle()
    {
        var idleSince = Stopwatch.GetTimestamp() - (long)(IdleClose.TotalSeconds * Stopwatch.Frequency);
        foreach (var (appId, file) in _files.Where(f => f.Value.LastWriteTicks < idleSince).ToList())
        {
            file.Dispose();
            _files.Remove(appId);
            _batch.Remove(appId);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "app {App}: cannot write its access log {Path}: {Reason}")]
    private partial void LogWriteFailed(string app, string path, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "{Count} access log entries dropped: the log files could not keep up with the requests")]
    private partial void LogDropped(long count);
}
