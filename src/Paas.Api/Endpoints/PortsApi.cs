using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Core.Routing;
using Paas.Engine.Routing;

namespace Paas.Api.Endpoints;

public static class PortsApi
{
    public static RouteGroupBuilder MapPortsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/ports").WithTags("Ports");
        api.MapGet("", ListPorts).WithName("ListPorts").WithSummary("ports:list");
        api.MapPost("", AddPorts).WithName("AddPorts").WithSummary("ports:add");
        api.MapDelete("/{mapping}", RemovePort).WithName("RemovePort").WithSummary("ports:remove");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<PortMappingView>>> ListPorts(string app, ClaimsPrincipal user, PortOperations ports, CancellationToken ct) =>
        TypedResults.Ok(await ports.ListAsync(user.ToActor(), app, ct));

    public static async Task<Ok<IReadOnlyList<PortMappingView>>> AddPorts(string app, PortsRequest request, ClaimsPrincipal user, PortOperations ports, CancellationToken ct) =>
        TypedResults.Ok(await ports.AddAsync(user.ToActor(), app, request.Mappings, ct));

    public static async Task<NoContent> RemovePort(string app, string mapping, ClaimsPrincipal user, PortOperations ports, CancellationToken ct)
    {
        await ports.RemoveAsync(user.ToActor(), app, [mapping], ct);
        return TypedResults.NoContent();
    }
}
