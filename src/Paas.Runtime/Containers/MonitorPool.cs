using Paas.Core.Containers;
using Paas.Runtime.Logs;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Containers;

/// <summary>
/// Keeps one conmon started ahead of time, for the next container, waiting on its start socket.
/// conmon's own start-up (exec, thirteen shared libraries, glib: about 3.5 ms) is then off the path
/// of a create. It starts at the lowest CPU priority, so on a busy host it only takes idle time
/// from the containers being started; it gets normal priority back before it is released (runc
/// and the container inherit it). A waiting conmon has forked nothing; discarding it kills it.
/// <para>
/// The container's app is not known yet when conmon starts, and conmon opens its log at start-up.
/// So a prelaunched conmon logs into <c>log-dir/&lt;id&gt;.log</c> in its container dir, where
/// <c>log-dir</c> is a symlink to $ROOT/logs/.pending (on the logs' filesystem, so the file can be
/// renamed). <see cref="TryTake"/> moves the file to the app's log dir (conmon's descriptor follows
/// it) and re-points <c>log-dir</c> there. A link to the directory, not to the file: to reopen a
/// rotated log, conmon creates &lt;path&gt;.tmp and renames it over &lt;path&gt;, which would replace
/// a link to the file with a file of its own.
/// </para>
/// <para>
/// A crash of paasd closes the start socket, and conmon reads end-of-file there as "go". It then
/// finds nothing to run: it names the runtime by paasd's own descriptor of it, which is gone with
/// paasd (<see cref="Monitor.RuntimeHandle"/>), so it exits having created nothing. Recovery
/// removes its directory and pending log.
/// </para>
/// </summary>
public sealed class MonitorPool(RuntimeContext ctx) : IDisposable
{
    private const string LogDirLink = "log-dir";
    private const int LowestPriority = 19;
    private const int NormalPriority = 0;

    private Prelaunched? _ready;
    private string? _launching;
    private bool _disposed;
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _noLaunchInFlight = new(initialState: true);
    private static readonly TimeSpan LaunchWaitOnDispose = TimeSpan.FromSeconds(10);

    public sealed record Taken(ContainerDirectory Dir, LaunchedMonitor Monitor);

    private string PendingDir => PendingDirOf(ctx.Paths);

    /// <summary>Where prelaunched conmons' logs wait for their app (a dot dir: no app has that name).</summary>
    public static string PendingDirOf(RuntimePaths paths) => Path.Combine(paths.Logs, ".pending");

    private sealed record Prelaunched(ContainerDirectory Dir, LaunchedMonitor Monitor, string Pending)
    {
        public string Link => Path.Combine(Dir.Dir, LogDirLink);
    }

    /// <summary>Container ids of prelaunched monitors: their dirs have no container.json yet but are not orphans.</summary>
    public bool Holds(string id)
    {
        lock (_lock) return _ready?.Dir.Id == id || _launching == id;
    }

    /// <summary>
    /// The prelaunched monitor, its log moved to the log dir <paramref name="appKey"/> (<see cref="LogFiles.AppKey(IReadOnlyDictionary{string, string})"/>); null when none is
    /// ready (none launched yet, taken by a concurrent create, or conmon has not opened its log yet).
    /// </summary>
    public Taken? TryTake(string appKey)
    {
        Prelaunched? p;
        lock (_lock)
        {
            // conmon creates its pending log when it opens it, early in its start-up. Until then the
            // link must not move under it, so a monitor that young is left for the next create.
            if (_ready is null || !File.Exists(_ready.Pending)) return null;
            p = _ready;
            _ready = null;
        }
        if (!p.Monitor.IsWaiting || !p.Monitor.SetPriority(NormalPriority))
        {
            Discard(p);
            return null;
        }
        try
        {
            var activeLog = LogFiles.ActiveLog(ctx.Paths, appKey, p.Dir.Id);
            var logDir = Path.GetDirectoryName(activeLog)!;
            Directory.CreateDirectory(logDir);
            File.Move(p.Pending, activeLog);
            // conmon resolves the link only to reopen a rotated log, and this brand-new one is not
            // rotated before the create returns: replacing it in two steps is safe.
            File.Delete(p.Link);
            File.CreateSymbolicLink(p.Link, logDir);
            return new Taken(p.Dir, p.Monitor);
        }
        catch (IOException)
        {
            Discard(p);
            return null;
        }
    }

    /// <summary>Starts a conmon for the next container if none is waiting. Never throws: the next create launches its own.</summary>
    public void Replenish()
    {
        string id;
        lock (_lock)
        {
            if (_disposed || _ready is not null || _launching is not null) return;
            id = ContainerIds.New();
            _launching = id;
            _noLaunchInFlight.Reset();
        }
        try
        {
            Launch(id);
        }
        finally
        {
            _noLaunchInFlight.Set();
        }
    }

    private void Launch(string id)
    {
        var dir = ctx.Dir(id);
        Prelaunched? launched = null;
        try
        {
            // The bundle's directories too: a few mkdirs less on the next create's path.
            dir.CreateDirectories(ctx.Options.UserNamespace);
            Directory.CreateDirectory(PendingDir);
            File.CreateSymbolicLink(Path.Combine(dir.Dir, LogDirLink), PendingDir);
            var monitor = ctx.Monitor.Launch(dir.Monitor(Path.Combine(dir.Dir, LogDirLink, id + ".log")));
            launched = new Prelaunched(dir, monitor, Path.Combine(PendingDir, id + ".log"));
            monitor.SetPriority(LowestPriority);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ContainerException)
        {
            DeleteDir(dir);
        }
        lock (_lock)
        {
            _launching = null;
            if (launched is null) return;
            if (!_disposed && _ready is null)
            {
                _ready = launched;
                return;
            }
        }
        Discard(launched);
    }

    public void Dispose()
    {
        Prelaunched? p;
        lock (_lock)
        {
            _disposed = true;
            p = _ready;
            _ready = null;
        }
        if (p is not null) Discard(p);
        // A launch already under way discards its conmon when it sees the pool disposed: wait for
        // it, so that nothing of the pool (a process, its directories) outlives Dispose.
        _noLaunchInFlight.Wait(LaunchWaitOnDispose);
    }

    private static void Discard(Prelaunched p)
    {
        p.Monitor.Dispose();
        DeleteDir(p.Dir);
        File.Delete(p.Pending);
    }

    private static void DeleteDir(ContainerDirectory dir)
    {
        foreach (var d in new[] { dir.Dir, dir.WritableDir })
        {
            try { Directory.Delete(d, recursive: true); }
            catch (IOException) { }
        }
    }
}
