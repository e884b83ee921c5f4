using Paas.Core.Builds;

namespace Paas.Builds.Tests.Support;

/// <summary>Collects a build's output lines and lets a test wait for one while the build goes on.</summary>
public sealed class RecordingBuildOutput : IBuildOutput
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lock) return _lines.ToList(); }
    }

    public string Text => string.Join('\n', Lines);

    public ValueTask WriteLineAsync(string line, CancellationToken ct)
    {
        lock (_lock)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line))) waiter.Seen.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> arrives (or already did).</summary>
    public Task SeenAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal))) return Task.CompletedTask;
            _waiters.Add((l => l.Contains(text, StringComparison.Ordinal), seen));
        }

        return seen.Task;
    }
}
