using Paas.Core.Containers;

namespace Paas.Builds.Tests.Support;

/// <summary>What a container of a built image printed (both streams, in order).</summary>
public sealed class RecordingContainerOutput : IContainerOutput
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lock) return _lines.ToList(); }
    }

    public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
    {
        lock (_lock) _lines.Add(line);
        return ValueTask.CompletedTask;
    }
}
