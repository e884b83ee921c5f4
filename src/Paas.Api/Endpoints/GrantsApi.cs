using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Users;

namespace Paas.Api.Endpoints;

/// <summary>apps:grant|revoke|grants (administrators only).</summary>
public static class GrantsApi
{
    public static RouteGroupBuilder MapGrantsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/grants").WithTags("Grants");
        api.MapGet("", ListGrants).WithName("ListGrants").WithSummary("apps:grants");
        api.MapPut("/{user}", Grant).WithName("GrantApp").WithSummary("apps:grant");
        api.MapDelete("/{user}", Revoke).WithName("RevokeGrant").WithSummary("apps:revoke");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<GrantView>>> ListGrants(string app, ClaimsPrincipal user, GrantOperations grants, CancellationToken ct) =>
        TypedResults.Ok(await grants.ListAsync(user.ToActor(), app, ct));

    public static async Task<NoContent> Grant(string app, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "user")] string userName, ClaimsPrincipal user,
        GrantOperations grants, CancellationToken ct)
    {
        await grants.GrantAsync(user.ToActor(), app, userName, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> Revoke(string app, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "user")] string userName, ClaimsPrincipal user,
        GrantOperations grants, CancellationToken ct)
    {
        await grants.RevokeAsync(user.ToActor(), app, userName, ct);
        return TypedResults.NoContent();
    }
}
