namespace Paas.Core.Builds;

/// <summary>Appends lines to one build's log; each line is flushed as it is written, so followers see it at once.</summary>
public interface IBuildLogWriter : IAsyncDisposable
{
    ValueTask WriteLineAsync(string line, CancellationToken ct);
}
