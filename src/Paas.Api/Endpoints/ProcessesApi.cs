using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Deploys;
using Paas.Engine.Releases;

namespace Paas.Api.Endpoints;

/// <summary>ps:report|restart|stop|start|set and releases:rollback.</summary>
public static class ProcessesApi
{
    public static IEndpointRouteBuilder MapProcessesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}").WithTags("Processes");
        api.MapGet("/ps", Report).WithName("ProcessReport").WithSummary("ps:report");
        api.MapPost("/ps/restart", Restart).WithName("RestartProcesses").WithSummary("ps:restart");
        api.MapPost("/ps/stop", Stop).WithName("StopProcesses").WithSummary("ps:stop");
        api.MapPost("/ps/start", Start).WithName("StartProcesses").WithSummary("ps:start");
        api.MapPut("/ps/settings/{key}", Set).WithName("SetProcessSetting").WithSummary("ps:set");
        api.MapPost("/releases/rollback", Rollback).WithName("Rollback").WithSummary("releases:rollback");
        return routes;
    }

    public static async Task<Ok<ProcessReport>> Report(string app, ClaimsPrincipal user, ProcessOperations ps, CancellationToken ct) =>
        TypedResults.Ok(await ps.ReportAsync(user.ToActor(), app, ct));

    public static async Task<Ok<DeployResult>> Restart(string app, ClaimsPrincipal user, ProcessOperations ps, CancellationToken ct) =>
        TypedResults.Ok(await ps.RestartAsync(user.ToActor(), app, null, ct));

    public static async Task<Ok<ProcessReport>> Stop(string app, ClaimsPrincipal user, ProcessOperations ps, CancellationToken ct)
    {
        await ps.StopAsync(user.ToActor(), app, ct);
        return TypedResults.Ok(await ps.ReportAsync(user.ToActor(), app, ct));
    }

    public static async Task<Ok<ProcessReport>> Start(string app, ClaimsPrincipal user, ProcessOperations ps, CancellationToken ct)
    {
        await ps.StartAsync(user.ToActor(), app, ct);
        return TypedResults.Ok(await ps.ReportAsync(user.ToActor(), app, ct));
    }

    public static async Task<Ok<IReadOnlyDictionary<string, string>>> Set(string app, string key, SetProcessSettingRequest request, ClaimsPrincipal user,
        ProcessOperations ps, CancellationToken ct) =>
        TypedResults.Ok(await ps.SetAsync(user.ToActor(), app, key, request.Value, ct));

    public static async Task<Ok<DeployResult>> Rollback(string app, RollbackRequest request, ClaimsPrincipal user, RollbackOperations releases,
        CancellationToken ct) =>
        TypedResults.Ok(await releases.RollbackAsync(user.ToActor(), app, request.Version, null, ct));
}
