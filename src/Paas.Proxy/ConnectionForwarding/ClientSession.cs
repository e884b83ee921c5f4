using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Paas.Proxy.AccessLog;
using Paas.Proxy.ErrorPages;
using Paas.Proxy.LeanForwarding;
using System.Runtime.CompilerServices;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// One client connection under the connection forwarder: reads a request head, forwards the
/// request to a backend of its app and streams the answer back, one request after the other
/// (pipelined requests wait in the input and are answered in order), until the client closes,
/// asks to close, or sends something it hands to Kestrel.
/// <para>
/// Failures: a reused keep-alive the backend had closed (nothing received on it) is retried once
/// on a new connection when the request is idempotent and has no body, never otherwise; anything
/// else that fails before the answer starts is our 502 page (504 after 100 s of silence); after
/// it started, the client's connection is aborted so a cut answer never looks complete. A
/// malformed chunked body is answered 400 and the connection closed.
/// </para>
/// <para>
/// Timeouts, as Kestrel's defaults: 130 s for a keep-alive connection to send its next request,
/// 30 s for a request head to arrive whole, 130 s without progress while a request is forwarded.
/// </para>
/// </summary>
internal sealed partial class ClientSession(
    ConnectionContext connection,
    int localPort,
    IPAddress remoteAddress,
    ConnectionRoutes routes,
    AccessLogWriter accessLog,
    Watchdog watchdog,
    ILogger logger) : IWatched
{
    private const long KeepAliveMs = 130_000;
    private const long HeadMs = 30_000;

    private readonly RequestHeadParser _parser = new(remoteAddress.ToString());
    private readonly ClientRequest _request = new();
    private readonly BackendResponse _response = new();
    private readonly HeadBuffer _backendHead = new();
    private readonly HeadBuffer _clientHead = new();
    private readonly HeadBuffer _scratch = new();
    private readonly PipeReader _input = connection.Transport.Input;
    private byte[]? _headCopy;
    private long _deadline;
    private bool _partialHead;
    // How much of the input the last read marked as examined, from the start of what is unconsumed.
    private long _examined;
    private volatile bool _closeRequested;
    private volatile bool _idle;
    private bool _headPending;
    private bool _answerStarted;

    private enum Step { NeedMore, Closed, HandOver, Forward }

    public long Deadline => Volatile.Read(ref _deadline);

    public void Expire() => connection.Abort(new ConnectionAbortedException("the client was silent for too long"));

    /// <summary>Writes the client's head of the backend's answer, if not yet: from here a failure cuts the answer off.</summary>
    public void StartAnswer(PipeWriter output)
    {
        if (!_headPending) return;
        _headPending = false;
        _answerStarted = true;
        output.Write(_clientHead.Written.Span);
    }

    /// <summary>Progress on the client's side: it sent or took bytes.</summary>
    public void Touch() => Volatile.Write(ref _deadline, Environment.TickCount64 + KeepAliveMs);

    public async Task RunAsync(ConnectionDelegate kestrel)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        // SIGTERM or a removed port: an idle connection ends now, a busy one after its answer.
        using var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested.UnsafeRegister(
            static state =>
            {
                var session = (ClientSession)state!;
                session._closeRequested = true;
                if (session._idle) session._input.CancelPendingRead();
            }, this);
        watchdog.Add(this);
        try
        {
            while (true)
            {
                if (!_partialHead) Touch();
                ReadResult result;
                _idle = !_partialHead;
                if (_closeRequested && _idle) return;
                try
                {
                    result = await input.ReadAsync();
                }
                catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                finally
                {
                    _idle = false;
                }
                if (result.IsCanceled) return;
                var buffer = result.Buffer;
                var step = TakeHead(buffer, result.IsCompleted, out var consumed, out var route);
                switch (step)
                {
                    case Step.NeedMore:
                        if (!_partialHead)
                        {
                            _partialHead = true;
                            Volatile.Write(ref _deadline, Environment.TickCount64 + HeadMs);
                        }
                        input.AdvanceTo(buffer.Start, buffer.End);
                        _examined = buffer.Length;
                        continue;
                    case Step.Closed:
                        return;
                    case Step.HandOver:
                        watchdog.Remove(this);
                        await HandOver.ToKestrelAsync(connection, result, _examined, kestrel);
                        return;
                }
                _partialHead = false;
                _examined = 0;
                input.AdvanceTo(consumed);
                Touch();
                if (!await ForwardAsync(route!, input, output)) return;
            }
        }
        finally
        {
            watchdog.Remove(this);
        }
    }

    /// <summary>Finds and parses the next request head in <paramref name="buffer"/>, and its route.</summary>
    private Step TakeHead(ReadOnlySequence<byte> buffer, bool completed, out SequencePosition consumed, out ConnectionRoute? route)
    {
        consumed = default;
        route = null;
        if (buffer.IsEmpty) return completed ? Step.Closed : Step.NeedMore;
        ReadOnlySpan<byte> span;
        if (buffer.IsSingleSegment)
        {
            span = buffer.FirstSpan;
        }
        else
        {
            var length = (int)Math.Min(buffer.Length, RequestHeadParser.MaxHeadSize + 4);
            _headCopy ??= new byte[RequestHeadParser.MaxHeadSize + 4];
            buffer.Slice(0, length).CopyTo(_headCopy);
            span = _headCopy.AsSpan(0, length);
        }
        var end = span.IndexOf("\r\n\r\n"u8);
        if (end < 0)
            return completed || buffer.Length > RequestHeadParser.MaxHeadSize || HasBareLineBreak(span) ? Step.HandOver : Step.NeedMore;
        if (HasBareLineBreak(span[..end]) || !_parser.TryParse(span[..(end + 2)], _request, _backendHead)) return Step.HandOver;
        route = routes.Find(localPort, _request.Host.AsSpan(0, _request.HostNameLength));
        if (route is null) return Step.HandOver;
        consumed = buffer.GetPosition(end + 4);
        return Step.Forward;
    }

    // A line ending in LF alone, or a CR that ends no line: Kestrel's to refuse.
    private static bool HasBareLineBreak(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (bytes[at..].IndexOfAny((byte)'\r', (byte)'\n') is var i and >= 0)
        {
            var p = at + i;
            if (bytes[p] == (byte)'\n') return true;
            if (p + 1 < bytes.Length && bytes[p + 1] != (byte)'\n') return true;
            at = p + 2;
            if (at >= bytes.Length) break;
        }
        return false;
    }

    /// <summary>Forwards the parsed request and answers it; false when the connection is to end.</summary>
    // Pooled state machines (here and in the calls it makes per request): a request allocates no
    // box for its awaits, which kept the GC running under load.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ForwardAsync(ConnectionRoute route, PipeReader input, PipeWriter output)
    {
        var started = Stopwatch.GetTimestamp();
        var request = _request;
        var destination = route.Next();
        var pool = destination.Pool;
        var closeClient = request.Close || _closeRequested;
        var bodyRead = request.Framing == RequestFraming.None;
        _headPending = false;
        _answerStarted = false;
        var status = 0;
        long bytes = 0;
        BackendLink? link = null;
        try
        {
            link = pool.TryTake();
            while (true)
            {
                link ??= await pool.ConnectAsync();
                link.Watch(busy: true);
                var received = false;
                try
                {
                    await link.SendAsync(_backendHead.Written);
                    if (!bodyRead)
                    {
                        await RequestBodyPump.SendAsync(input, request, link, _scratch, this);
                        bodyRead = true;
                    }
                    while (true)
                    {
                        if (!link.Buffered.IsEmpty)
                        {
                            var length = _response.TryParse(link.Buffered, request.IsHead, closeClient, _clientHead);
                            if (length > 0)
                            {
                                link.Consume(length);
                                if (_response.Status >= 200) break;
                                if (_response.Status == 101) throw new BackendProtocolError("the backend switched protocols on a request that asked for no upgrade");
                                continue;
                            }
                        }
                        var read = await link.ReceiveAsync();
                        link.Received(read);
                        if (read == 0)
                            throw received ? new BackendProtocolError("the backend closed the connection inside its response head") : new BackendClosedEarly();
                        received = true;
                    }
                    break;
                }
                catch (Exception e) when (link.Reused && !received && request.CanRetry && !link.TimedOut
                                          && e is SocketException or IOException or BackendClosedEarly or ObjectDisposedException)
                {
                    // A keep-alive the backend closed as we reused it: once more on a new connection.
                    link.Dispose();
                    link = null;
                }
            }

            status = _response.Status;
            _headPending = true;
            bytes = await ResponseBodyPump.CopyAsync(link, _response, output, _scratch, this);
            if (!_response.Closes && _response.Framing != ResponseFraming.UntilClose && link.Buffered.IsEmpty && !link.IsDisposed)
                pool.Return(link);
            else
                link.Dispose();
            link = null;
            return !closeClient;
        }
        catch (ClientGoneError)
        {
            status = 499; // nginx's "client closed request": it went before its answer was out
            return false;
        }
        catch (ClientProtocolError e)
        {
            status = StatusCodes.Status400BadRequest;
            if (_answerStarted) return false;
            LogClientBroke(e.Message);
            await TryWriteAsync(output, StatusCodes.Status400BadRequest, null, "");
            return false;
        }
        catch (Exception e)
        {
            if (_answerStarted)
            {
                LogBackendFailed(destination.Pool.Endpoint.ToString(), e.Message);
                connection.Abort(new ConnectionAbortedException("the backend's answer broke off")); // a cut answer must not look complete
                return false;
            }
            status = link?.TimedOut == true ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
            LogBackendFailed(destination.Pool.Endpoint.ToString(), e.Message);
            var keep = bodyRead && !closeClient;
            var page = ErrorPage.Html(status, request.RequestId);
            bytes = Encoding.UTF8.GetByteCount(page);
            return await TryWriteAsync(output, status, page, keep ? "" : "Connection: close\r\n") && keep;
        }
        finally
        {
            link?.Dispose();
            accessLog.Add(new AccessLogEntry(route.App.AppId, route.App.App, DateTimeOffset.UtcNow, request.Host, request.Method, request.Target,
                "http", status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, bytes, request.GivenRequestId, remoteAddress, destination.Id)
                { NewRequestId = request.NewRequestId });
        }
    }

    /// <summary>An answer of the router's own: <paramref name="page"/> as HTML, or no body.</summary>
    private async Task<bool> TryWriteAsync(PipeWriter output, int status, string? page, string extraHeaders)
    {
        var head = new StringBuilder(256)
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        var body = page is null ? [] : Encoding.UTF8.GetBytes(page);
        if (page is not null) head.Append("Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n");
        if (status == StatusCodes.Status503ServiceUnavailable) head.Append("Retry-After: 5\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append(page is null ? "Connection: close\r\n" : extraHeaders);
        try
        {
            output.Write(Encoding.ASCII.GetBytes(head.ToString()));
            output.Write(HttpDate.Line);
            output.Write("\r\n"u8);
            output.Write(body);
            var flushed = await output.FlushAsync();
            return !flushed.IsCompleted;
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
            return false;
        }
    }

    // Information, as YARP logs its forwarding errors: the access log already records the 502.
    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "forwarding to {Backend} failed: {Reason}")]
    private partial void LogBackendFailed(string backend, string reason);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "a client's request body was malformed: {Reason}")]
    private partial void LogClientBroke(string reason);
}

/// <summary>Status codes the connection forwarder answers itself.</summary>
internal static class StatusCodes
{
    public const int Status400BadRequest = 400;
    public const int Status502BadGateway = 502;
    public const int Status503ServiceUnavailable = 503;
    public const int Status504GatewayTimeout = 504;
}
