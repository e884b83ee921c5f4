using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Releases;

namespace Paas.Api.Endpoints;

public static class ReleasesApi
{
    public static RouteHandlerBuilder MapReleasesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ApiRoutes.Apps + "/{app}/releases", ListReleases)
            .WithTags("Releases").WithName("ListReleases").WithSummary("releases");

    public static async Task<Ok<IReadOnlyList<ReleaseView>>> ListReleases(string app, ClaimsPrincipal user, ReleaseOperations releases, CancellationToken ct) =>
        TypedResults.Ok(await releases.ListAsync(user.ToActor(), app, ct));
}
