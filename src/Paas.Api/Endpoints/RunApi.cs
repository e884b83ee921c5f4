using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Api.Git;
using Paas.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
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
        api.MapGet("/run/ws", RunSocket).WithName("RunSocket").WithSummary("run with stdin and a terminal, over a WebSocket (docs/API-RUN.md)");
        api.MapGet("/enter/ws", EnterSocket).WithName("EnterSocket").WithSummary("enter with stdin and a terminal, over a WebSocket (docs/API-RUN.md)");
        return routes;
    }

    public static Task Run(string app, RunRequest request, ClaimsPrincipal user, RunOperations run, HttpContext context, CancellationToken ct) =>
        StreamAsync(context, output => run.RunAsync(user.ToActor(), app, request, output, ct), ct);

    public static Task Enter(string app, EnterRequest request, ClaimsPrincipal user, RunOperations run, HttpContext context, CancellationToken ct) =>
        StreamAsync(context, output => run.EnterAsync(user.ToActor(), app, request, output, ct), ct);

    public static Task RunChecks(string app, CheckRunRequest request, ClaimsPrincipal user, CheckRunOperations checks, HttpContext context,
        CancellationToken ct) =>
        StreamAsync(context, async output => await checks.RunAsync(user.ToActor(), app, request.Dyno, output, ct) ? 0 : 1, ct);

    /// <summary>Everything is checked (and audited) before the upgrade, so a refusal is an HTTP status; then the session runs.</summary>
    public static async Task<IResult> RunSocket(string app, ClaimsPrincipal user, RunOperations run, HttpContext context, ILoggerFactory loggers,
        CancellationToken ct)
    {
        if (!context.WebSockets.IsWebSocketRequest) return NotAWebSocket(ApiRoutes.RunSocket(app));
        var query = SessionQueryParser.Parse(context.Request.Query, forEnter: false);
        var prepared = await run.PrepareRunAsync(user.ToActor(), app, new RunRequest(query.Command, query.Env, query.TtlSeconds), ct);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SessionServer.ServeAsync(socket, query, prepared, app, loggers.CreateLogger(typeof(RunApi)), ct);
        return Results.Empty;
    }

    public static async Task<IResult> EnterSocket(string app, ClaimsPrincipal user, RunOperations run, HttpContext context, ILoggerFactory loggers,
        CancellationToken ct)
    {
        if (!context.WebSockets.IsWebSocketRequest) return NotAWebSocket(ApiRoutes.EnterSocket(app));
        var query = SessionQueryParser.Parse(context.Request.Query, forEnter: true);
        var prepared = await run.PrepareEnterAsync(user.ToActor(), app, new EnterRequest(query.Dyno, query.Command), query.Terminal, ct);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SessionServer.ServeAsync(socket, query, prepared, app, loggers.CreateLogger(typeof(RunApi)), ct);
        return Results.Empty;
    }

    private static ProblemHttpResult NotAWebSocket(string path) =>
        TypedResults.Problem($"{path} speaks WebSocket only: connect with a WebSocket client (docs/API-RUN.md)", statusCode: 400, title: "Bad request");

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
