using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Paas.Runtime.Monitor;

/// <summary>
/// What conmon (API version 1) writes to its sync socket once `runtime create` returned:
/// {"data": &lt;container pid&gt;} or {"data": -1, "message": "&lt;runtime stderr&gt;"} (src/parent_pipe_fd.c).
/// </summary>
internal sealed record SyncMessage(int Data, string? Message)
{
    /// <summary>The first line, or null when conmon closed the socket without one (it died, or the runtime failed silently).</summary>
    public static async Task<SyncMessage?> ReadAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var line = new MemoryStream();
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0) break;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
            line.Write(buffer, 0, end < 0 ? n : end);
            if (end >= 0) break;
        }
        return line.Length == 0 ? null : Parse(Encoding.UTF8.GetString(line.ToArray()));
    }

    public static SyncMessage? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("data", out var data) || !data.TryGetInt32(out var value)) return null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new SyncMessage(value, message);
        }
        catch (JsonException)
        {
            return new SyncMessage(-1, json);
        }
    }
}
