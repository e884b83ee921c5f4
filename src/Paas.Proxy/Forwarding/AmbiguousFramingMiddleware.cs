using Microsoft.AspNetCore.Http;

namespace Paas.Proxy.Forwarding;

/// <summary>
/// Refuses an HTTP/1.1 request that carries both Content-Length and Transfer-Encoding (RFC 9112
/// §6.1 lets a server refuse it or read it as chunked; Kestrel reads it as chunked). Such a
/// request has no honest use: it is how a body is smuggled past a proxy that frames it one way
/// to a server that frames it the other. The router forwards with its own framing, so nothing
/// would be smuggled anyway; refusing it says so plainly and closes the connection.
/// Kestrel has already dropped the Content-Length by then and kept its value as X-Content-Length.
/// </summary>
internal sealed class AmbiguousFramingMiddleware(RequestDelegate next)
{
    private const string KestrelsContentLength = "X-Content-Length";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.TransferEncoding.Count == 0 || (headers.ContentLength is null && !headers.ContainsKey(KestrelsContentLength)))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    }
}
