using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Checks;

namespace Paas.Api.Endpoints;

/// <summary>The checks plugin: report, set (per app or --global), disable, enable and skip per process type.</summary>
public static class ChecksApi
{
    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/checks").WithTags("Checks");
        api.MapGet("", Report).WithName("ReportChecks").WithSummary("checks:report");
        api.MapPut("/settings", SetSetting).WithName("SetCheckSetting").WithSummary("checks:set");
        api.MapPost("/disable", Disable).WithName("DisableChecks").WithSummary("checks:disable");
        api.MapPost("/enable", Enable).WithName("EnableChecks").WithSummary("checks:enable");
        api.MapPost("/skip", Skip).WithName("SkipChecks").WithSummary("checks:skip");
        routes.MapPut(ApiRoutes.GlobalCheckSettings, SetGlobalSetting).WithTags("Checks").WithName("SetGlobalCheckSetting").WithSummary("checks:set --global");
        return routes;
    }

    public static async Task<Ok<CheckSettingsView>> Report(string app, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct) =>
        TypedResults.Ok(await checks.ReportAsync(user.ToActor(), app, ct));

    public static async Task<NoContent> SetSetting(string app, SetCheckSettingRequest request, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct)
    {
        await checks.SetAsync(user.ToActor(), app, request.Key, request.Value, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SetGlobalSetting(SetCheckSettingRequest request, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct)
    {
        await checks.SetGlobalAsync(user.ToActor(), request.Key, request.Value, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<CheckSettingsView>> Disable(string app, CheckProcessTypesRequest request, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct) =>
        TypedResults.Ok(await checks.DisableAsync(user.ToActor(), app, request.ProcessTypes, ct));

    public static async Task<Ok<CheckSettingsView>> Enable(string app, CheckProcessTypesRequest request, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct) =>
        TypedResults.Ok(await checks.EnableAsync(user.ToActor(), app, request.ProcessTypes, ct));

    public static async Task<Ok<CheckSettingsView>> Skip(string app, CheckProcessTypesRequest request, ClaimsPrincipal user, CheckOperations checks, CancellationToken ct) =>
        TypedResults.Ok(await checks.SkipAsync(user.ToActor(), app, request.ProcessTypes, ct));
}
