using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Paas.Proxy.ErrorPages;
using Yarp.ReverseProxy.Model;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// The lean forwarder (PAAS_ROUTER_FORWARDER=lean): the last step of YARP's proxy pipeline, after
/// our redirect and 503 steps and YARP's round-robin pick, in place of YARP's HttpClient leg.
/// <para>
/// Design. Kestrel keeps the client side: accepting, TLS, parsing and validating the request
/// (smuggling attempts, obs-fold, bad chunks and oversized heads never get here), 100-continue,
/// half-closed clients, and the response framing towards the client. YARP keeps routing by Host
/// and listener port, the load balancing and everything this forwarder does not do, which it
/// hands back untouched: upgrades (WebSockets), HTTP/2 clients (https listeners) and CONNECT.
/// For the rest, this writes the request head (<see cref="RequestHead"/>) and body
/// (<see cref="RequestBody"/>) straight onto a pooled keep-alive socket to the backend
/// (<see cref="BackendPools"/>), parses the answer's head strictly (<see cref="ResponseHead"/>),
/// and streams the body into Kestrel's response (<see cref="ResponseBody"/>). No HttpClient,
/// HttpRequestMessage, header collections of its own, or per-request buffers.
/// </para>
/// <para>
/// Failures: a pooled connection the backend had already closed (nothing received on it) is
/// retried once on a new connection when the request is idempotent and has no body; anything
/// else that fails before the answer starts is our 502 page (504 after 100 s without a byte, as
/// YARP's activity timeout); after it started, the client's connection is aborted so a cut
/// answer never looks complete.
/// </para>
/// </summary>
internal sealed partial class LeanForwarder(BackendPools pools, ILogger<LeanForwarder> logger)
{
    // YARP's default activity timeout: the longest the backend may stay silent.
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(100);

    public Task InvokeAsync(HttpContext context, Func<Task> next) => Handles(context) ? ForwardAsync(context) : next();

    /// <summary>HTTP/1.x requests that are not upgrades or CONNECT; the others go to YARP.</summary>
    public static bool Handles(HttpContext context)
    {
        var request = context.Request;
        if (!HttpProtocol.IsHttp11(request.Protocol) && !HttpProtocol.IsHttp10(request.Protocol)) return false;
        if (HttpMethods.IsConnect(request.Method)) return false;
        return context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var destinations = proxy.AvailableDestinations;
        var destination = destinations.Count == 1 ? destinations[0] : destinations[Random.Shared.Next(destinations.Count)];
        proxy.ProxiedDestination = destination;
        var pool = pools.For(destination.Model.Config.Address);
        var request = context.Request;
        var isHead = HttpMethods.IsHead(request.Method);

        var backend = pool.TryTake();
        CancellationTokenRegistration clientGone = default;
        try
        {
            ResponseHead head;
            while (true)
            {
                backend ??= await pool.ConnectAsync(context.RequestAborted);
                // The client going away ends the backend's connection too: nothing waits for an answer no one reads.
                clientGone = context.RequestAborted.UnsafeRegister(static c => ((BackendConnection)c!).Dispose(), backend);
                var framing = RequestHead.Write(context, backend.Head);
                try
                {
                    await backend.SendAsync(backend.Head.Written);
                    if (framing != RequestBodyFraming.None) await RequestBody.SendAsync(request.BodyReader, backend, framing, context.RequestAborted);
                    head = await ReadHeadAsync(backend, isHead);
                    break;
                }
                catch (Exception e) when (backend.Reused && framing == RequestBodyFraming.None && IsIdempotent(request.Method)
                                          && e is SocketException or IOException or BackendClosedException
                                          && !context.RequestAborted.IsCancellationRequested)
                {
                    // A keep-alive the backend closed as we reused it: once more on a new connection.
                    await clientGone.DisposeAsync();
                    backend.Dispose();
                    backend = await pool.ConnectAsync(context.RequestAborted);
                }
            }

            var response = context.Response;
            response.StatusCode = head.Status;
            CopyHeaders(head, response);
            var reusable = await ResponseBody.CopyAsync(backend, head, response.BodyWriter, ActivityTimeout);
            await clientGone.DisposeAsync();
            if (reusable && !head.Closes && backend.StopTimer() && backend.Buffered.IsEmpty)
                pool.Return(backend);
            else
                backend.Dispose();
            backend = null;
        }
        catch (ClientBodyException e)
        {
            // Kestrel answers a BadHttpRequestException itself (400, or 413), and closes the connection.
            if (e.InnerException is BadHttpRequestException bad) ExceptionDispatchInfo.Throw(bad);
            // Anything else that broke the body (a chunk size beyond 64 bits) is the client's fault too:
            // never an empty 200, and the connection goes, since its framing is lost.
            if (context.RequestAborted.IsCancellationRequested) return;
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.Headers.Connection = "close";
        }
        catch (Exception e) when (e is not BadHttpRequestException)
        {
            if (context.RequestAborted.IsCancellationRequested) return;
            LogBackendFailed(e, proxy.ProxiedDestination?.Model.Config.Address ?? "", e.Message);
            var response = context.Response;
            if (response.HasStarted)
            {
                context.Abort(); // a cut answer must not look complete
                return;
            }
            response.Headers.Clear();
            await ErrorPage.WriteAsync(context, e is OperationCanceledException ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway);
        }
        finally
        {
            await clientGone.DisposeAsync();
            backend?.Dispose();
        }
    }

    // Information, as YARP logs its forwarding errors: the access log already records the 502.
    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "forwarding to {Backend} failed: {Reason}")]
    private partial void LogBackendFailed(Exception e, string backend, string reason);

    private static async Task<ResponseHead> ReadHeadAsync(BackendConnection backend, bool isHead)
    {
        var head = backend.Response;
        var received = false;
        while (true)
        {
            var length = head.TryParse(backend.Buffered, isHead);
            if (length > 0)
            {
                backend.Consume(length);
                if (head.Status >= 200) return head;
                // 1xx interim answers: Kestrel already sent the client its own 100 Continue.
                if (head.Status == StatusCodes.Status101SwitchingProtocols) throw new BackendProtocolException("the backend switched protocols on a request that asked for no upgrade");
                continue;
            }
            if (await backend.FillAsync(ActivityTimeout) == 0)
                throw received ? new BackendProtocolException("the backend closed the connection inside its response head") : new BackendClosedException();
            received = true;
        }
    }

    private static void CopyHeaders(ResponseHead head, HttpResponse response)
    {
        var headers = response.Headers;
        var list = head.Headers;
        for (var i = 0; i < list.Count; i++)
        {
            var (name, value) = list[i];
            // The first of a name replaces what Kestrel set (its Date); later ones (Set-Cookie) add to it.
            var repeated = false;
            for (var j = 0; j < i && !repeated; j++) repeated = string.Equals(list[j].Key, name, StringComparison.OrdinalIgnoreCase);
            if (repeated) headers.Append(name, value);
            else headers[name] = value;
        }
        if (head.Framing == ResponseBodyFraming.ContentLength) response.ContentLength = head.ContentLength;
        else if (head.Framing == ResponseBodyFraming.None && head.Status is not (204 or 304)) response.ContentLength = head.ContentLength;
    }

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);
}

/// <summary>The backend closed the connection before sending a byte of its answer.</summary>
internal sealed class BackendClosedException() : Exception("the backend closed the connection without answering");
