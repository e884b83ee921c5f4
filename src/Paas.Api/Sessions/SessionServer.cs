using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Paas.Api.Errors;
using Paas.Core.Contracts;
using Paas.Engine.Deploys;

namespace Paas.Api.Sessions;

/// <summary>
/// Runs a prepared run or enter over an accepted WebSocket: the command's output as it comes, then
/// {"type":"exit","code":N} and a normal close; {"type":"error",...} and close 1011 when it could not run.
/// A client that leaves (close, lost connection, a protocol error) takes its command with it.
/// </summary>
public static partial class SessionServer
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    public static async Task ServeAsync(WebSocket socket, SessionQuery query, PreparedCommand command, string app, ILogger logger, CancellationToken ct)
    {
        var size = query is { Terminal: true, Cols: { } cols, Rows: { } rows } ? new Core.Containers.TerminalSize(cols, rows) : null;
        var session = new WebSocketSession(socket, query.Terminal, size);
        SessionControl last;
        try
        {
            last = new SessionControl(SessionWire.Exit, Code: await command.RunAsync(session, ct));
        }
        catch (Exception e) when (e is SessionClosedException or SessionProtocolException or WebSocketException || ct.IsCancellationRequested)
        {
            LogAbandoned(logger, app, e.Message);
            return;
        }
        catch (Exception e)
        {
            var (status, title, detail, _) = PaasExceptionHandler.Describe(e);
            if (status == 500) LogFailed(logger, app, e);
            last = new SessionControl(SessionWire.Error, Status: status, Title: title, Detail: detail);
        }
        await FinishAsync(socket, session, last, ct);
    }

    /// <summary>The last message, then the close handshake (the client's close ends our receive loop), bounded in time.</summary>
    private static async Task FinishAsync(WebSocket socket, WebSocketSession session, SessionControl last, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CloseWait);
        try
        {
            await session.SendControlAsync(last, timeout.Token);
            var status = last.Type == SessionWire.Exit ? WebSocketCloseStatus.NormalClosure : WebSocketCloseStatus.InternalServerError;
            await socket.CloseOutputAsync(status, last.Type, timeout.Token);
            await session.Receiving.WaitAsync(timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Interactive session for {App} ended by the client: {Reason}")]
    private static partial void LogAbandoned(ILogger logger, string app, string reason);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Error, Message = "Interactive session for {App} failed")]
    private static partial void LogFailed(ILogger logger, string app, Exception exception);
}
