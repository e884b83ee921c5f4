using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Operations;

namespace Paas.Api.Endpoints;

/// <summary>
/// Every route paasd maps (API, git, auth, dashboard pages), so a test can call each anonymously and see it refused:
/// an endpoint added later without a guard fails that test. Unix socket and administrators only; it reveals routes, not data.
/// </summary>
public static class InternalEndpointsApi
{
    public sealed record EndpointView(string Pattern, IReadOnlyList<string> Methods, string? DisplayName);

    public static RouteHandlerBuilder MapInternalEndpointsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ApiRoutes.InternalEndpoints, ListEndpoints).RequireLocalSocket().ExcludeFromDescription().WithName("ListEndpoints");

    public static Ok<IReadOnlyList<EndpointView>> ListEndpoints(ClaimsPrincipal user, EndpointDataSource endpoints)
    {
        RequireAdmin.Check(user.ToActor(), "list endpoints");
        return TypedResults.Ok<IReadOnlyList<EndpointView>>(endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new EndpointView(
                // Groups mapped at "" leave a trailing slash the route does not need.
                "/" + (e.RoutePattern.RawText ?? "").Trim('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.DisplayName))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal)
            .ToList());
    }
}
