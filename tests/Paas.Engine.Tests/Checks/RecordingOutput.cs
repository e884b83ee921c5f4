using Paas.Core.Builds;

namespace Paas.Engine.Tests.Checks;

/// <summary>The lines a check run wrote, as the pusher would see them.</summary>
public sealed class RecordingOutput : IBuildOutput
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return [.. _lines];
        }
    }

    public override string ToString() => string.Join('\n', Lines);

    public ValueTask WriteLineAsync(string line, CancellationToken ct)
    {
        lock (_lines) _lines.Add(line);
        return ValueTask.CompletedTask;
    }
}
