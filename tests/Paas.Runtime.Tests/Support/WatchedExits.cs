using Paas.Core.Containers;

namespace Paas.Runtime.Tests.Support;

/// <summary>
/// One exit watch read by a test as a consumer would, continuously from the start, into
/// <see cref="Seen"/>. Disposal cancels the watch and waits for the reader to end.
/// </summary>
public sealed class WatchedExits : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _lock = new();
    private readonly List<ContainerInfo> _seen = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _reader;
    private Exception? _failure;

    public WatchedExits(IContainerRuntime runtime) : this(ct => runtime.WatchExitsAsync(ct)) { }

    /// <summary>The watch is made (armed) here, before this returns; it is read in the background.</summary>
    public WatchedExits(Func<CancellationToken, IAsyncEnumerable<ContainerInfo>> watch)
    {
        var exits = watch(_cts.Token);
        _reader = Task.Run(() => ReadAsync(exits));
    }

    /// <summary>Everything yielded so far, in order.</summary>
    public List<ContainerInfo> Seen
    {
        get { lock (_lock) return [.. _seen]; }
    }

    /// <summary>The exit of <paramref name="id"/>; fails when it did not come within <paramref name="within"/>.</summary>
    public async Task<ContainerInfo> ExitOfAsync(string id, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            lock (_lock)
            {
                if (_seen.FirstOrDefault(e => e.Id == id) is { } exit) return exit;
                if (_failure is not null) throw new InvalidOperationException("the exit stream failed", _failure);
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                Assert.Fail($"no exit of {id} reported within {within.TotalSeconds} s (seen: {string.Join(", ", Seen.Select(s => s.Id))})");
            await _arrived.WaitAsync(left);
        }
    }

    private async Task ReadAsync(IAsyncEnumerable<ContainerInfo> exits)
    {
        try
        {
            await foreach (var exit in exits)
            {
                lock (_lock) _seen.Add(exit);
                _arrived.Release();
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested) { }
        catch (Exception e)
        {
            lock (_lock) _failure = e;
            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _reader;
        _cts.Dispose();
        _arrived.Dispose();
    }
}
