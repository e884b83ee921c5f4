using Paas.Core.Containers;

namespace Paas.Runtime.Tests.Support;

/// <summary>Collects what an attached run writes, and lets a test wait for a line while the run goes on.</summary>
public sealed class RecordingOutput : IContainerOutput
{
    private readonly Lock _lock = new();
    private readonly List<(LogStream Stream, string Line)> _lines = [];
    private readonly List<(Func<LogStream, string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<(LogStream Stream, string Line)> Lines
    {
        get { lock (_lock) return _lines.ToList(); }
    }

    public IReadOnlyList<string> Of(LogStream stream) => Lines.Where(l => l.Stream == stream).Select(l => l.Line).ToList();

    public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
    {
        lock (_lock)
        {
            _lines.Add((stream, line));
            foreach (var waiter in _waiters.Where(w => w.Match(stream, line))) waiter.Seen.TrySetResult();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when <paramref name="line"/> arrives on <paramref name="stream"/> (or already did).</summary>
    public Task SeenAsync(LogStream stream, string line)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lines.Contains((stream, line))) return Task.CompletedTask;
            _waiters.Add(((s, l) => s == stream && l == line, seen));
        }
        return seen.Task;
    }
}
