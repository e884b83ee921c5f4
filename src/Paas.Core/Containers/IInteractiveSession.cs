namespace Paas.Core.Containers;

/// <summary>
/// The caller's side of a process run with its stdin open (a WebSocket, say): input goes in as it
/// comes, output comes back as raw bytes as it is written. With <see cref="Terminal"/> the process
/// gets a pseudo-terminal: one output stream (stdout), sized and resizable, its own line discipline
/// (echo, ^C). Without one, stdout and stderr stay apart and the end of input closes the process's stdin.
/// </summary>
public interface IInteractiveSession
{
    bool Terminal { get; }

    /// <summary>The terminal's size at the start (with <see cref="Terminal"/>); null leaves the runtime's default.</summary>
    TerminalSize? InitialSize { get; }

    /// <summary>The next input, or null when the caller's input ended (stdin then closes; output still flows).</summary>
    ValueTask<SessionInput?> ReadAsync(CancellationToken ct);

    ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct);
}
