using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Api.Git;
using Paas.Core.Contracts;
using Paas.Engine.Deploys;

namespace Paas.Api.Endpoints;

/// <summary>
/// run, enter and checks:run, streamed as NDJSON <see cref="HookMessage"/>s: each output line (stderr ones
/// marked) as it is written, then the command's exit code. The client going away kills a `run`.
/// A refusal before any output is a problem+json like any other.
/// </summary>
public static class RunApi
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}").WithTags("Run");
        api.MapPost("/run", Run).WithName("Run").WithSummary("run");
        api.MapPost("/enter", Enter).WithName("Enter").WithSummary("enter");
        api.MapPost("/checks/run", RunChecks).WithName("RunChecks").WithSummary("checks:run");
        return routes;
    }

    public static Task Run(string app, RunRequest request, ClaimsPrincipal user, RunOperations run, HttpContext context, CancellationToken ct) =>
        StreamAsync(context, output => run.RunAsync(user.ToActor(), app, request, output, ct), ct);

    public static Task Enter(string app, EnterRequest request, ClaimsPrincipal user, RunOperations run, HttpContext context, CancellationToken ct) =>
        StreamAsync(context, output => run.EnterAsync(user.ToActor(), app, request, output, ct), ct);

    public static Task RunChecks(string app, CheckRunRequest request, ClaimsPrincipal user, CheckRunOperations checks, HttpContext context,
        CancellationToken ct) =>
        StreamAsync(context, async output => await checks.RunAsync(user.ToActor(), app, request.Dyno, output, ct) ? 0 : 1, ct);

    private static async Task StreamAsync(HttpContext context, Func<NdjsonHookOutput, Task<int>> command, CancellationToken ct)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = new NdjsonHookOutput(context.Response);
        try
        {
            var exit = await command(output);
            await output.WriteExitAsync(exit, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left; the one-off was killed with it.
        }
    }
}
