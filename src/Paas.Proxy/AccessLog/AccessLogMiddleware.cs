using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Paas.Proxy.Forwarding;
using Paas.Proxy.Routing;
using Yarp.ReverseProxy.Model;

namespace Paas.Proxy.AccessLog;

/// <summary>
/// The outermost step of every request: gives it its X-Request-Id, then, once it is answered,
/// queues one access log line for the app its route belongs to. Requests for no app (404s) have
/// no app log to go to.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, AccessLogWriter writer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestId.Ensure(context);
        var body = new CountingResponseBody(context.Features.GetRequiredFeature<IHttpResponseBodyFeature>());
        context.Features.Set<IHttpResponseBodyFeature>(body);
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<AppEndpoint>() is { } app)
            {
                var request = context.Request;
                writer.Add(new AccessLogEntry(
                    app.AppId,
                    app.App,
                    DateTimeOffset.UtcNow,
                    request.Host.Value ?? "",
                    request.Method,
                    context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                    request.Scheme,
                    // An exception before the answer started becomes Kestrel's 500.
                    failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    body.Bytes,
                    requestId,
                    context.Connection.RemoteIpAddress,
                    context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId));
            }
        }
    }
}
