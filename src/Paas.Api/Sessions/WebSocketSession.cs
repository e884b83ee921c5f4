using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Paas.Core.Containers;
using Paas.Core.Contracts;

namespace Paas.Api.Sessions;

/// <summary>
/// An <see cref="IInteractiveSession"/> over an accepted WebSocket (<see cref="SessionWire"/>). One loop
/// receives for the whole session and queues what came (a bounded queue: a client typing faster than the
/// process reads waits in TCP, not in paasd's memory); reads take from the queue, so a reader that gives
/// up never cancels a WebSocket receive (which would abort the socket before the exit code went out).
/// The client closing the socket before the command ended means it left: the read fails, and the run is killed.
/// </summary>
public sealed class WebSocketSession : IInteractiveSession
{
    private const int QueuedMessages = 64;
    private readonly WebSocket _socket;
    private readonly Channel<SessionInput?> _input = Channel.CreateBounded<SessionInput?>(new BoundedChannelOptions(QueuedMessages)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly SemaphoreSlim _sending = new(1, 1);

    public WebSocketSession(WebSocket socket, bool terminal, TerminalSize? initialSize)
    {
        _socket = socket;
        Terminal = terminal;
        InitialSize = initialSize;
        Receiving = Task.Run(ReceiveLoopAsync);
    }

    public bool Terminal { get; }
    public TerminalSize? InitialSize { get; }

    /// <summary>Ends when the client closed its side or the connection dropped.</summary>
    public Task Receiving { get; }

    public async ValueTask<SessionInput?> ReadAsync(CancellationToken ct)
    {
        if (!await _input.Reader.WaitToReadAsync(ct)) return null;
        return await _input.Reader.ReadAsync(ct);
    }

    public async ValueTask WriteAsync(LogStream stream, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = stream == LogStream.Stderr ? SessionWire.Stderr : SessionWire.Stdout;
        data.CopyTo(frame.AsMemory(1));
        await SendAsync(frame, WebSocketMessageType.Binary, ct);
    }

    public Task SendControlAsync(SessionControl message, CancellationToken ct) =>
        SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, SessionWire.Json), WebSocketMessageType.Text, ct);

    private async Task SendAsync(byte[] frame, WebSocketMessageType type, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try { await _socket.SendAsync(frame, type, endOfMessage: true, ct); }
        finally { _sending.Release(); }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        var control = new MemoryStream();
        var inputEnded = false;
        try
        {
            while (true)
            {
                // Never cancelled: it ends when the client closes or the connection goes (Kestrel aborts it after the request).
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _input.Writer.TryComplete(new SessionClosedException("the client closed the session before the command ended"));
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    if (inputEnded) throw new SessionProtocolException("stdin data after \"eof\"");
                    if (result.Count > 0) await _input.Writer.WriteAsync(new SessionInput.Stdin(buffer.AsSpan(0, result.Count).ToArray()));
                    continue;
                }
                control.Write(buffer, 0, result.Count);
                if (control.Length > SessionWire.MaxControlBytes)
                    throw new SessionProtocolException($"a control message is longer than {SessionWire.MaxControlBytes} bytes");
                if (!result.EndOfMessage) continue;
                var message = ParseControl(control.ToArray());
                control.SetLength(0);
                switch (message.Type)
                {
                    case SessionWire.Resize when message is { Cols: { } cols, Rows: { } rows }:
                        var size = new TerminalSize(cols, rows);
                        if (!size.IsValid) throw new SessionProtocolException($"resize to {cols}x{rows}: each must be 1 to {TerminalSize.Max}");
                        await _input.Writer.WriteAsync(new SessionInput.Resize(size));
                        break;
                    case SessionWire.EndOfInput when !inputEnded:
                        inputEnded = true;
                        await _input.Writer.WriteAsync(null);
                        break;
                    default:
                        throw new SessionProtocolException($"unknown control message '{message.Type}': send {{\"type\":\"resize\",\"cols\":C,\"rows\":R}} or {{\"type\":\"eof\"}}");
                }
            }
        }
        catch (SessionProtocolException e)
        {
            _input.Writer.TryComplete(e);
            await CloseQuietlyAsync(WebSocketCloseStatus.PolicyViolation, e.Message);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            _input.Writer.TryComplete(new SessionClosedException("the connection to the client broke: " + e.Message));
        }
    }

    private static SessionControl ParseControl(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<SessionControl>(json, SessionWire.Json) is { Type: not null } message
                ? message
                : throw new SessionProtocolException("a control message has no \"type\"");
        }
        catch (JsonException e)
        {
            throw new SessionProtocolException("a control message is not JSON: " + e.Message);
        }
    }

    private async Task CloseQuietlyAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _sending.WaitAsync(timeout.Token);
            try { await _socket.CloseOutputAsync(status, reason.Length > 120 ? reason[..120] : reason, timeout.Token); }
            finally { _sending.Release(); }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }
}
