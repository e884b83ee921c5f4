using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Paas.Push.Tests.Deploys;

/// <summary>The client side of a console WebSocket (docs/API-RUN.md): output frames, then the exit message.</summary>
internal static class ConsoleSessionReader
{
    /// <summary>Reads data frames (channel byte first) until the exit message; a close before it gives no code.</summary>
    public static async Task<(string Output, int? ExitCode)> ReadSessionAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) return (output.ToString(), null);
            var bytes = message.ToArray();
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                output.Append(Encoding.UTF8.GetString(bytes, 1, bytes.Length - 1));
                continue;
            }
            using var control = JsonDocument.Parse(bytes);
            if (control.RootElement.GetProperty("type").GetString() == "exit")
                return (output.ToString(), control.RootElement.GetProperty("code").GetInt32());
        }
    }
}
