using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Paas.Core.Containers;
using Paas.Runtime.Containers;

namespace Paas.Runtime.Monitor;

/// <summary>
/// <see cref="IContainerRuntime.WatchExitsAsync"/>: one inotify watch on the exit dir all conmons
/// share (<see cref="RuntimePaths.Exits"/>). Each exit file that appears there (conmon writes it
/// under a temporary name and renames it into place) is inspected, which records the exit once
/// for every reader, and the container's state is yielded. The watch is armed when the watcher is
/// made, so a caller can watch first and then list, and miss nothing in between; files already
/// there then were exits before the call and are not reported.
/// <para>
/// A lost event (the kernel's queue overflowed: the watcher's Error event) makes it rescan the dir
/// and report what it has not reported yet. Should the watch be refused (the user's inotify
/// limit), it rescans on a short timer instead: one directory listing, never one check per container.
/// Deleting a container removes its file, which also drops its id from what this watcher remembers.
/// </para>
/// <para>
/// Each watcher keeps its own watch and its own memory of what it reported: concurrent watchers
/// each get every exit. It is enumerated once; the watch ends with the enumeration (also when it is
/// abandoned part way) or when the token given at creation is cancelled.
/// </para>
/// </summary>
internal sealed class ExitWatcher : IAsyncEnumerable<ContainerInfo>, IDisposable
{
    private static readonly TimeSpan UnwatchedRescan = TimeSpan.FromMilliseconds(250);

    private readonly RuntimeContext _ctx;
    private readonly ContainerInspector _inspector;
    private readonly CancellationToken _ct;
    private readonly Channel<Change> _changes = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileSystemWatcher? _watcher;
    // Ids whose exit file this watcher has handled (reported or passed over), or found at its start.
    // Touched by the enumeration only: the watcher's events reach it through the channel.
    private readonly HashSet<string> _handled;
    private readonly CancellationTokenRegistration _stop;
    private int _enumerated;
    private int _disposed;

    /// <summary>An exit file that appeared (<see cref="Id"/>), went (<see cref="Removed"/>), or, with no id, events were lost.</summary>
    private readonly record struct Change(string? Id, bool Removed);

    /// <summary><paramref name="inotify"/> false stands for a refused watch (tests of the rescans).</summary>
    public ExitWatcher(RuntimeContext ctx, ContainerInspector inspector, CancellationToken ct, bool inotify = true)
    {
        _ctx = ctx;
        _inspector = inspector;
        _ct = ct;
        _watcher = inotify ? TryWatch(ctx.Paths.Exits) : null;
        // Listed after the watch is armed: a file that appears meanwhile is in this list or in an
        // event (or both), never in neither.
        _handled = ExitFileIds().ToHashSet();
        _stop = ct.Register(Dispose);
    }

    public IAsyncEnumerator<ContainerInfo> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
            throw new InvalidOperationException("an exit watch is enumerated once: call WatchExitsAsync again for another");
        return new Enumerator(this, ExitsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // Unregister, not Dispose: this may run inside the token's own callback.
        _stop.Unregister();
        _watcher?.Dispose();
    }

    private async IAsyncEnumerable<ContainerInfo> ExitsAsync([EnumeratorCancellation] CancellationToken token)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_ct, token);
        var ct = linked.Token;
        while (true)
        {
            Change change;
            if (_watcher is null)
            {
                await Task.Delay(UnwatchedRescan, ct);
                change = default;
            }
            else change = await _changes.Reader.ReadAsync(ct);

            foreach (var id in Candidates(change))
                if (await ReportAsync(id, ct) is { } exit) yield return exit;
        }
    }

    /// <summary>The ids to look at for <paramref name="change"/>: the new file's, or after lost events every file not handled yet.</summary>
    private List<string> Candidates(Change change)
    {
        if (change.Id is { } id)
        {
            if (change.Removed) _handled.Remove(id);
            return change.Removed || !ContainerIds.IsValid(id) || _handled.Contains(id) ? [] : [id];
        }
        var present = ExitFileIds().ToHashSet();
        // Removals may have been lost too: forget what is gone, so memory stays bounded by the dir.
        _handled.IntersectWith(present);
        present.ExceptWith(_handled);
        return [.. present];
    }

    /// <summary>The container's state with its exit recorded; null when it is gone, not created by us yet, or an attached run.</summary>
    private async Task<ContainerInfo?> ReportAsync(string id, CancellationToken ct)
    {
        var dir = _ctx.Dir(id);
        // Gone already: deleted with its container before we got to it.
        if (!File.Exists(dir.ExitFile)) return null;
        _handled.Add(id);
        try
        {
            // No record: a conmon whose create failed or never happened (a prelaunched one a
            // crashed paasd left); recovery removes it. Attached runs: their caller waits for them.
            if (!dir.Exists || dir.ReadRecord().AttachedTo is not null) return null;
            return (await _inspector.InspectAsync(dir, ct)).Info;
        }
        catch (Exception e) when ((e is IOException or JsonException) && !dir.Exists)
        {
            return null; // deleted while we looked at it
        }
    }

    private IEnumerable<string> ExitFileIds() =>
        Directory.EnumerateFiles(_ctx.Paths.Exits).Select(Path.GetFileName).OfType<string>().Where(ContainerIds.IsValid);

    private FileSystemWatcher? TryWatch(string dir)
    {
        var watcher = new FileSystemWatcher(dir) { NotifyFilter = NotifyFilters.FileName, IncludeSubdirectories = false };
        // conmon renames its complete file into place; Created covers a file written in place.
        watcher.Created += (_, e) => Post(new Change(e.Name, Removed: false));
        watcher.Renamed += (_, e) => Post(new Change(e.Name, Removed: false));
        watcher.Deleted += (_, e) => Post(new Change(e.Name, Removed: true));
        watcher.Error += (_, _) => Post(default);
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (IOException)
        {
            // "The configured user limit on the number of inotify watches has been reached".
            watcher.Dispose();
            return null;
        }
    }

    private void Post(Change change) => _changes.Writer.TryWrite(change);

    /// <summary>Ends the watch when the enumeration is disposed, even one that never started.</summary>
    private sealed class Enumerator(ExitWatcher owner, IAsyncEnumerator<ContainerInfo> inner) : IAsyncEnumerator<ContainerInfo>
    {
        public ContainerInfo Current => inner.Current;

        public ValueTask<bool> MoveNextAsync() => inner.MoveNextAsync();

        public async ValueTask DisposeAsync()
        {
            try { await inner.DisposeAsync(); }
            finally { owner.Dispose(); }
        }
    }
}
