using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Paas.Api.Auth;

/// <summary>Endpoints that exist on the unix socket only (root and the paas group).</summary>
public static class LocalSocket
{
    /// <summary>On TCP such an endpoint answers 404, as if absent.</summary>
    public static TBuilder RequireLocalSocket<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            Listener.IsUnixSocket(context.HttpContext) ? await next(context) : TypedResults.NotFound());
}
