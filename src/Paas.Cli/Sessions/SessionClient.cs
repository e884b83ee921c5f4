using System.Net.WebSockets;
using System.Text.Json;
using Paas.Cli.Http;
using Paas.Core.Contracts;

namespace Paas.Cli.Sessions;

/// <summary>
/// The CLI's side of a run or enter session (<see cref="SessionWire"/>): standard input goes out as it is
/// read (its end as "eof", unless it is a terminal), terminal resizes as "resize", and what the command
/// writes comes back to standard output and error as it arrives. Returns the command's exit code.
/// </summary>
public sealed class SessionClient(WebSocket socket, Stream stdout, Stream stderr)
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>Where the data frame being received goes (null between frames).</summary>
    private Stream? _current;

    /// <summary>
    /// <paramref name="input"/> is read on a thread of its own (a terminal read cannot be cancelled); with
    /// <paramref name="terminal"/>, its end sends nothing and its resizes are passed on.
    /// </summary>
    public async Task<int> RunAsync(Stream input, RawTerminal? terminal, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (terminal is not null) terminal.Resized += OnResized;
        try
        {
            _ = Task.Run(() => PumpInputAsync(input, endOfInput: terminal is null, stop.Token), CancellationToken.None);
            return await ReceiveAsync(ct);
        }
        finally
        {
            if (terminal is not null) terminal.Resized -= OnResized;
            await stop.CancelAsync();
        }

        void OnResized()
        {
            if (RawTerminal.Size() is var (cols, rows))
                _ = SendQuietlyAsync(Control(new SessionControl(SessionWire.Resize, Cols: cols, Rows: rows)), WebSocketMessageType.Text, stop.Token);
        }
    }

    private async Task<int> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var text = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, ct);
            }
            catch (WebSocketException e)
            {
                throw new CliException($"lost the connection to paasd: {e.Message}");
            }
            if (result.MessageType == WebSocketMessageType.Close)
                throw new CliException($"paasd ended the session before the command did{(string.IsNullOrEmpty(result.CloseStatusDescription) ? "" : ": " + result.CloseStatusDescription)}");
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                await WriteAsync(buffer.AsMemory(0, result.Count), ct);
                if (result.EndOfMessage) _current = null;
                continue;
            }
            text.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var message = PaasApi.Read<SessionControl>(System.Text.Encoding.UTF8.GetString(text.ToArray()));
            text.SetLength(0);
            if (message.Type == SessionWire.Exit) return await FinishAsync(message.Code ?? ExitCodes.Error);
            if (message.Type == SessionWire.Error)
                throw new CliException(new Problem(message.Title, message.Status, message.Detail, null).Describe() ?? "paasd could not run the command");
        }
    }

    /// <summary>Data frames: [stream byte][bytes]; a frame split over several receives keeps the stream of its first part.</summary>
    private async Task WriteAsync(Memory<byte> part, CancellationToken ct)
    {
        if (_current is null && !part.IsEmpty)
        {
            _current = part.Span[0] == SessionWire.Stderr ? stderr : stdout;
            part = part[1..];
        }
        if (_current is null || part.IsEmpty) return;
        await _current.WriteAsync(part, ct);
        await _current.FlushAsync(ct);
    }

    private async Task<int> FinishAsync(int exitCode)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        return exitCode;
    }

    private async Task PumpInputAsync(Stream input, bool endOfInput, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await input.ReadAsync(buffer, ct)) > 0)
                await SendAsync(buffer[..n], WebSocketMessageType.Binary, ct);
            if (endOfInput) await SendAsync(Control(new SessionControl(SessionWire.EndOfInput)), WebSocketMessageType.Text, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The session ended (or our input broke): the receiving side reports what matters.
        }
    }

    private static byte[] Control(SessionControl message) => JsonSerializer.SerializeToUtf8Bytes(message, SessionWire.Json);

    private async Task SendQuietlyAsync(byte[] data, WebSocketMessageType type, CancellationToken ct)
    {
        try { await SendAsync(data, type, ct); }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
    }

    private async Task SendAsync(byte[] data, WebSocketMessageType type, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try { await socket.SendAsync(data, type, endOfMessage: true, ct); }
        finally { _sending.Release(); }
    }
}
