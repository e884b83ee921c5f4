using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Paas.Proxy.ErrorPages;
using Paas.Proxy.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Paas.Proxy.Forwarding;

/// <summary>
/// The steps of our own in YARP's proxy pipeline, before its load balancer picks a backend:
/// the HTTP→HTTPS redirect an app asked for, and our pages where YARP would answer with an empty
/// body (no backend at all: 503 at once; a backend that refused or failed: 502/504).
/// </summary>
internal static class ForwardingSteps
{
    public static Task RedirectToHttpsAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.IsHttps || context.GetEndpoint()?.Metadata.GetMetadata<AppEndpoint>() is not { RedirectToHttpsPort: { } port })
            return next();
        // The host matched one of the app's own hosts, so this never redirects anywhere else.
        var host = port == 443 ? new HostString(context.Request.Host.Host) : new HostString(context.Request.Host.Host, port);
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", host, context.Request.PathBase, context.Request.Path, context.Request.QueryString);
        return Task.CompletedTask;
    }

    public static async Task ErrorPagesAsync(HttpContext context, Func<Task> next)
    {
        // The app has no running instance: answer now rather than let a client wait for one.
        if (context.GetReverseProxyFeature().AvailableDestinations.Count == 0)
        {
            await ErrorPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
            return;
        }
        await next();
        // YARP sets 502/504 and no body when the backend failed before answering.
        if (context.GetForwarderErrorFeature() is not null && !context.Response.HasStarted && ErrorPage.Has(context.Response.StatusCode))
            await ErrorPage.WriteAsync(context, context.Response.StatusCode);
    }
}
