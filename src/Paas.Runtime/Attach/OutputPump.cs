using Paas.Core.Containers;

namespace Paas.Runtime.Attach;

/// <summary>
/// Copies what arrives on the attach socket to the caller's <see cref="IContainerOutput"/>, a line at
/// a time as each line completes, until the container's output ends; then the last line of each
/// stream if it had no newline.
/// </summary>
internal sealed class OutputPump(AttachSocket socket, IContainerOutput output)
{
    private readonly OutputLineSplitter _stdout = new();
    private readonly OutputLineSplitter _stderr = new();

    public async Task RunAsync(CancellationToken ct)
    {
        while (await socket.ReceiveAsync(ct) is var (stream, data))
        {
            // Append copies the bytes out of the socket's buffer before the next receive reuses it.
            var lines = (stream == LogStream.Stdout ? _stdout : _stderr).Append(data.Span);
            foreach (var line in lines) await output.WriteLineAsync(stream, line, ct);
        }
        if (_stdout.Flush() is { } lastOut) await output.WriteLineAsync(LogStream.Stdout, lastOut, ct);
        if (_stderr.Flush() is { } lastErr) await output.WriteLineAsync(LogStream.Stderr, lastErr, ct);
    }
}
