using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Routing;

namespace Paas.Api.Endpoints;

public static class DomainsApi
{
    public static RouteGroupBuilder MapDomainsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/domains").WithTags("Domains");
        api.MapGet("", ListDomains).WithName("ListDomains").WithSummary("domains:list");
        api.MapPost("", AddDomains).WithName("AddDomains").WithSummary("domains:add");
        api.MapDelete("/{domain}", RemoveDomain).WithName("RemoveDomain").WithSummary("domains:remove");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<string>>> ListDomains(string app, ClaimsPrincipal user, DomainOperations domains, CancellationToken ct) =>
        TypedResults.Ok(await domains.ListAsync(user.ToActor(), app, ct));

    public static async Task<Ok<IReadOnlyList<string>>> AddDomains(string app, DomainsRequest request, ClaimsPrincipal user, DomainOperations domains, CancellationToken ct) =>
        TypedResults.Ok(await domains.AddAsync(user.ToActor(), app, request.Domains, ct));

    public static async Task<NoContent> RemoveDomain(string app, string domain, ClaimsPrincipal user, DomainOperations domains, CancellationToken ct)
    {
        await domains.RemoveAsync(user.ToActor(), app, [domain], ct);
        return TypedResults.NoContent();
    }
}
