using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paas.Core.Routing;

namespace Paas.Proxy.Snapshots;

/// <summary>
/// Follows routes.json: inotify on its directory (paasd renames a finished file over it, which
/// is one event, so there is no polling and no half-written file), then a read and a swap when
/// the revision moved. A file that cannot be read or makes no sense leaves the router on the
/// snapshot it serves and is reported once, not once per event. Without a file the router has
/// no ports until paasd writes one.
/// </summary>
internal sealed partial class SnapshotWatcher(SnapshotApplier applier, RouterSettings settings, ILogger<SnapshotWatcher> logger) : BackgroundService
{
    // Ports that could not be bound are tried again at this pace until they bind or go away.
    private static readonly TimeSpan BindRetry = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private (DateTime, long)? _reportedDamage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = RoutingSnapshotFile.DirectoryUnder(settings.Root);
        Directory.CreateDirectory(directory);
        using var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Created += (_, e) => WakeFor(e.Name);
        watcher.Changed += (_, e) => WakeFor(e.Name);
        watcher.Renamed += (_, e) => WakeFor(e.Name);
        watcher.Error += (_, e) =>
        {
            LogWatchError(e.GetException().Message);
            Wake();
        };
        watcher.EnableRaisingEvents = true;

        // Read only once the watch is in place: a snapshot written in between is seen either way.
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReloadAsync(first, stoppingToken);
            first = false;
            try
            {
                var retry = applier.UnboundListeners.Count > 0;
                while (!await _changed.WaitAsync(retry ? BindRetry : Timeout.InfiniteTimeSpan, stoppingToken))
                {
                    await applier.RetryListenersAsync(stoppingToken);
                    retry = applier.UnboundListeners.Count > 0;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ReloadAsync(bool first, CancellationToken ct)
    {
        var path = settings.SnapshotPath;
        RoutingSnapshot snapshot;
        SnapshotCheck? check = null;
        try
        {
            snapshot = await RoutingSnapshotFile.ReadAsync(path, ct);
            if (!ReferenceEquals(snapshot, RoutingSnapshot.Empty)) check = SnapshotProblems.Check(snapshot);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
        {
            ReportDamage(path, e.Message);
            // Even a damaged first snapshot leaves the router up: it serves nothing until a good one comes.
            return;
        }
        _reportedDamage = null;

        if (check is null)
        {
            // paasd replaces the file, never deletes it: a file gone after a good one is a mistake
            // to report, not an order to stop serving every app.
            if (!first) LogMissing(path);
            return;
        }
        if (!ReferenceEquals(applier.Current, RoutingSnapshot.Empty) && snapshot.Revision == applier.Current.Revision) return;
        if (check.LeftOut.Count > 0) LogLeftOut(snapshot.Revision, string.Join("; ", check.LeftOut));
        try
        {
            await applier.ApplyAsync(check.Usable, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong with this one, the router stays up with what it serves: an
            // exception leaving here would stop the host, and every app's traffic with it.
            LogApplyFailed(snapshot.Revision, e);
        }
    }

    private void ReportDamage(string path, string reason)
    {
        (DateTime, long)? stamp = File.Exists(path) ? (File.GetLastWriteTimeUtc(path), new FileInfo(path).Length) : null;
        if (stamp is not null && stamp == _reportedDamage) return;
        _reportedDamage = stamp;
        LogDamaged(path, reason);
    }

    private void WakeFor(string? name)
    {
        if (name == RoutingSnapshotFile.FileName) Wake();
    }

    private void Wake()
    {
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // already awake: one read covers every change so far
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "routing snapshot {Path} cannot be used, the router keeps serving the previous one: {Reason}")]
    private partial void LogDamaged(string path, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "routing snapshot revision {Revision} is served without: {LeftOut}")]
    private partial void LogLeftOut(long revision, string leftOut);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "applying routing snapshot revision {Revision} failed, the router keeps serving what it had")]
    private partial void LogApplyFailed(long revision, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "routing snapshot {Path} is gone, the router keeps serving the last one it read")]
    private partial void LogMissing(string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "watching the routing snapshot lost events, reading it again: {Reason}")]
    private partial void LogWatchError(string reason);
}
