using Paas.Core.Auth;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Logs;

namespace Paas.Api.Endpoints;

public static class LogsApi
{
    public const string NdjsonMediaType = "application/x-ndjson";

    public static RouteHandlerBuilder MapLogsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ApiRoutes.Apps + "/{app}/logs", StreamLogs).WithTags("Logs").WithName("StreamLogs").WithSummary("logs");

    /// <summary>One JSON log line per text line: the last <paramref name="lines"/>, then (with follow) every new line until the client goes away.</summary>
    public static async Task StreamLogs(string app, ClaimsPrincipal user, LogOperations logs, HttpContext context, CancellationToken ct,
        int lines = 100, bool follow = false, string? process = null)
    {
        var actor = user.ToActor();
        var tail = await logs.TailAsync(actor, app, lines, process, ct);
        context.Response.ContentType = NdjsonMediaType;
        foreach (var line in tail)
            await WriteAsync(context, line, ct);
        await context.Response.Body.FlushAsync(ct);
        if (!follow) return;
        try
        {
            await foreach (var line in logs.FollowAsync(actor, app, process, ct))
            {
                await WriteAsync(context, line, ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client stopped following: the normal end of `paas logs -t`.
        }
    }

    private static async Task WriteAsync(HttpContext context, object line, CancellationToken ct)
    {
        await JsonSerializer.SerializeAsync(context.Response.Body, line, ApiJson.Options, ct);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
    }
}
