using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Engine.Apps;

namespace Paas.Api.Endpoints;

public static class AppsApi
{
    public static RouteGroupBuilder MapAppsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps).WithTags("Apps");
        api.MapGet("", ListApps).WithName("ListApps").WithSummary("apps:list");
        api.MapPost("", CreateApp).WithName("CreateApp").WithSummary("apps:create");
        api.MapGet("/{app}", GetAppReport).WithName("GetAppReport").WithSummary("apps:report");
        api.MapPost("/{app}/rename", RenameApp).WithName("RenameApp").WithSummary("apps:rename");
        api.MapPost("/{app}/lock", LockApp).WithName("LockApp").WithSummary("apps:lock");
        api.MapPost("/{app}/unlock", UnlockApp).WithName("UnlockApp").WithSummary("apps:unlock");
        api.MapDelete("/{app}", DestroyApp).WithName("DestroyApp").WithSummary("apps:destroy");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<App>>> ListApps(ClaimsPrincipal user, AppOperations apps, CancellationToken ct) =>
        TypedResults.Ok(await apps.ListAsync(user.ToActor(), ct));

    public static async Task<Created<App>> CreateApp(CreateAppRequest request, ClaimsPrincipal user, AppOperations apps, CancellationToken ct)
    {
        var app = await apps.CreateAsync(user.ToActor(), request.Name, ct);
        return TypedResults.Created(ApiRoutes.App(app.Name), app);
    }

    public static async Task<Ok<AppReport>> GetAppReport(string app, ClaimsPrincipal user, AppOperations apps, CancellationToken ct) =>
        TypedResults.Ok(await apps.ReportAsync(user.ToActor(), app, ct));

    public static async Task<Ok<App>> RenameApp(string app, RenameAppRequest request, ClaimsPrincipal user, AppOperations apps, CancellationToken ct) =>
        TypedResults.Ok(await apps.RenameAsync(user.ToActor(), app, request.NewName, ct));

    public static async Task<Ok<App>> LockApp(string app, ClaimsPrincipal user, AppOperations apps, CancellationToken ct) =>
        TypedResults.Ok(await apps.SetLockedAsync(user.ToActor(), app, true, ct));

    public static async Task<Ok<App>> UnlockApp(string app, ClaimsPrincipal user, AppOperations apps, CancellationToken ct) =>
        TypedResults.Ok(await apps.SetLockedAsync(user.ToActor(), app, false, ct));

    public static async Task<NoContent> DestroyApp(string app, ClaimsPrincipal user, AppOperations apps, CancellationToken ct)
    {
        await apps.DestroyAsync(user.ToActor(), app, ct);
        return TypedResults.NoContent();
    }
}
