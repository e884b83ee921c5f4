using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Paas.Api.Auth;

/// <summary>Whether a request came through paasd's local unix socket (root and the paas group only).</summary>
public static class LocalSocket
{
    /// <summary>Kestrel gives unix-socket connections no IP addresses; every TCP connection has them.</summary>
    public static bool IsLocalSocket(this HttpContext context) =>
        context.Features.Get<IConnectionEndPointFeature>() is { } endPoints
            ? endPoints.LocalEndPoint is UnixDomainSocketEndPoint
            : context.Features.Get<IHttpConnectionFeature>() is { LocalIpAddress: null };

    /// <summary>Endpoints that exist on the unix socket only: on TCP they answer 404, as if absent.</summary>
    public static TBuilder RequireLocalSocket<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.IsLocalSocket() ? await next(context) : TypedResults.NotFound());
}
