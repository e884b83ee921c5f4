using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Core.Formation;
using Paas.Engine.Formation;

namespace Paas.Api.Endpoints;

public static class FormationApi
{
    public static IEndpointRouteBuilder MapFormationApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}").WithTags("Formation");
        api.MapGet("/formation", ListFormation).WithName("ListFormation").WithSummary("ps:scale (show)");
        api.MapPatch("/formation", Scale).WithName("Scale").WithSummary("ps:scale");
        api.MapGet("/limits", ListLimits).WithName("ListLimits").WithSummary("resource:limit (show)");
        api.MapPut("/limits", SetLimits).WithName("SetLimits").WithSummary("resource:limit");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<FormationEntry>>> ListFormation(string app, ClaimsPrincipal user, FormationOperations formation, CancellationToken ct) =>
        TypedResults.Ok(await formation.ListAsync(user.ToActor(), app, ct));

    public static async Task<Ok<IReadOnlyList<FormationEntry>>> Scale(string app, ScaleRequest request, ClaimsPrincipal user, FormationOperations formation, CancellationToken ct) =>
        TypedResults.Ok(await formation.ScaleAsync(user.ToActor(), app, request.Quantities, ct));

    public static async Task<Ok<IReadOnlyList<LimitsView>>> ListLimits(string app, ClaimsPrincipal user, FormationOperations formation, CancellationToken ct) =>
        TypedResults.Ok(await formation.ListLimitsAsync(user.ToActor(), app, ct));

    public static async Task<Ok<IReadOnlyList<LimitsView>>> SetLimits(string app, SetLimitsRequest request, ClaimsPrincipal user, FormationOperations formation, CancellationToken ct) =>
        TypedResults.Ok(await formation.SetLimitsAsync(user.ToActor(), app, request, ct));
}
