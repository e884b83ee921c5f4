using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Api.Git;
using Paas.Core.Contracts;
using Paas.Engine.Cron;

namespace Paas.Api.Endpoints;

/// <summary>
/// cron:list and cron:run. A run streams like `run` (NDJSON <see cref="HookMessage"/>s: output lines,
/// then the exit code); a refusal before any output is a problem+json like any other.
/// </summary>
public static class CronApi
{
    public static IEndpointRouteBuilder MapCronApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/cron").WithTags("Cron");
        api.MapGet("", List).WithName("ListCron").WithSummary("cron:list");
        api.MapPost("/{id}/run", Run).WithName("RunCron").WithSummary("cron:run");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<CronEntryView>>> List(string app, ClaimsPrincipal user, CronOperations cron, CancellationToken ct) =>
        TypedResults.Ok(await cron.ListAsync(user.ToActor(), app, ct));

    public static async Task Run(string app, string id, ClaimsPrincipal user, CronOperations cron, HttpContext context, CancellationToken ct)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = new NdjsonHookOutput(context.Response);
        try
        {
            var exit = await cron.RunAsync(user.ToActor(), app, id, output, ct);
            await output.WriteExitAsync(exit, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left; the run was killed with it.
        }
    }
}
