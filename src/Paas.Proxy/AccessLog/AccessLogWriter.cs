using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// Writes access log entries (requests and tcp connections) to the apps' router.log files off the
/// traffic's path: a request or connection only queues its entry; this formats what has queued and writes it in one write per app at most
/// every <see cref="FlushInterval"/>. A full queue (the disk cannot keep up) drops entries rather
/// than slow requests down, and says how many it dropped. Files of apps without traffic for a
/// while are closed.
/// </summary>
internal sealed partial class AccessLogWriter(RouterSettings settings, ILogger<AccessLogWriter> logger) : BackgroundService
{
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan IdleClose = TimeSpan.FromMinutes(1);
    private const int QueueLimit = 100_000;

    // Unbounded with a count of our own: its writes take no lock (a bounded channel's do), and every
    // request writes one. The count keeps the limit.
    private readonly Channel<AccessLogRecord> _queue = Channel.CreateUnbounded<AccessLogRecord>(new UnboundedChannelOptions { SingleReader = true });
    private long _queued;
    private readonly Dictionary<long, AppLogFile> _files = [];
    private readonly Dictionary<long, (string App, StringBuilder Lines)> _batch = [];
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
        while (_queue.Reader.TryRead(out var entry))
        {
            Interlocked.Decrement(ref _queued);
            if (!_batch.TryGetValue(entry.AppId, out var batch))
                _batch[entry.AppId] = batch = (entry.App, new StringBuilder(4096));
            entry.AppendTo(batch.Lines);
        }
        var now = Stopwatch.GetTimestamp();
        foreach (var (appId, batch) in _batch)
        {
            if (batch.Lines.Length == 0) continue;
            if (!_files.TryGetValue(appId, out var file))
                _files[appId] = file = new AppLogFile(settings.LogsDirectory, appId, batch.App);
            try
            {
                file.Write(batch.Lines, batch.App, now);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                file.Dispose();
                _files.Remove(appId);
                LogWriteFailed(batch.App, file.Path, e.Message);
            }
            batch.Lines.Clear();
        }
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0) LogDropped(dropped);
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
