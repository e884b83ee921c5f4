namespace Paas.Core.Containers;

/// <summary>
/// Receives what a container writes, one line at a time, as it is written (never buffered to
/// the end). Lines come without their newline; a final line without one is delivered at exit.
/// </summary>
public interface IContainerOutput
{
    ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct);
}
