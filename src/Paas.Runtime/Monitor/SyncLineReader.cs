using System.Net.Sockets;
using System.Text;

namespace Paas.Runtime.Monitor;

/// <summary>
/// Reads conmon's sync socket as a sequence of JSON lines. An exec's conmon writes two (the command's pid,
/// then its exit code): unlike <see cref="SyncMessage.ReadAsync"/>, what follows a line is kept for the next.
/// </summary>
internal sealed class SyncLineReader(Socket socket)
{
    private readonly byte[] _buffer = new byte[8192];
    private readonly MemoryStream _pending = new();

    /// <summary>The next message, or null when conmon closed the socket first (it died, or the runtime failed silently).</summary>
    public async Task<SyncMessage?> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TakeLine() is { } line)
            {
                if (line.Trim().Length == 0) continue;
                return SyncMessage.Parse(line);
            }
            var n = await socket.ReceiveAsync(_buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                var last = Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length).Trim();
                _pending.SetLength(0);
                return last.Length == 0 ? null : SyncMessage.Parse(last);
            }
            _pending.Write(_buffer, 0, n);
        }
    }

    /// <summary>The first complete line pending, without its newline; what follows it stays.</summary>
    private string? TakeLine()
    {
        var pending = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
        var newline = pending.IndexOf((byte)'\n');
        if (newline < 0) return null;
        var line = Encoding.UTF8.GetString(pending[..newline]);
        var rest = pending[(newline + 1)..].ToArray();
        _pending.SetLength(0);
        _pending.Write(rest);
        return line;
    }
}
