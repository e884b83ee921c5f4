using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Api.Git;
using Paas.Core.Builds;
using Paas.Core.Contracts;
using Paas.Engine.Builds;

namespace Paas.Api.Endpoints;

public static class BuildsApi
{
    public const string TextMediaType = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapBuildsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}").WithTags("Builds");
        api.MapGet("/builds", ListBuilds).WithName("ListBuilds").WithSummary("builds");
        api.MapGet("/builds/{id:long}", GetBuild).WithName("GetBuild").WithSummary("builds:info");
        api.MapGet("/builds/{id:long}/output", StreamOutput).WithName("StreamBuildOutput").WithSummary("builds:output [-f]");
        api.MapPost("/builds/cancel", CancelBuilds).WithName("CancelBuilds").WithSummary("builds:cancel");
        api.MapGet("/builds/settings", ReportSettings).WithName("ReportBuildSettings").WithSummary("builds:report");
        api.MapPut("/builds/settings", SetSetting).WithName("SetBuildSetting").WithSummary("builds:set");
        api.MapPost("/rebuild", Rebuild).WithName("Rebuild").WithSummary("ps:rebuild");
        api.MapDelete("/build-cache", PurgeCache).WithName("PurgeBuildCache").WithSummary("repo:purge-cache");
        routes.MapPut(ApiRoutes.GlobalBuildSettings, SetGlobalSetting).WithTags("Builds").WithName("SetGlobalBuildSetting").WithSummary("builds:set --global");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<BuildView>>> ListBuilds(string app, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct, int limit = 50) =>
        TypedResults.Ok(await builds.ListAsync(user.ToActor(), app, limit, ct));

    public static async Task<Ok<BuildView>> GetBuild(string app, long id, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct) =>
        TypedResults.Ok(await builds.GetAsync(user.ToActor(), app, id, ct));

    /// <summary>The log as plain text, line by line as it is written when following (chunked, never buffered to the end).</summary>
    public static async Task StreamOutput(string app, long id, ClaimsPrincipal user, BuildOperations builds, HttpContext context, CancellationToken ct, bool follow = false)
    {
        // Looked up first, so an unknown build is a 404 and not an empty 200.
        await builds.GetAsync(user.ToActor(), app, id, ct);
        context.Response.ContentType = TextMediaType;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await foreach (var line in builds.OutputAsync(user.ToActor(), app, id, follow, ct))
            {
                await context.Response.WriteAsync(line + "\n", ct);
                if (follow) await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client stopped following.
        }
    }

    public static async Task<Ok<IReadOnlyList<long>>> CancelBuilds(string app, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct) =>
        TypedResults.Ok(await builds.CancelAsync(user.ToActor(), app, ct));

    public static async Task<Ok<BuildSettingsView>> ReportSettings(string app, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct) =>
        TypedResults.Ok(await builds.ReportSettingsAsync(user.ToActor(), app, ct));

    public static async Task<NoContent> SetSetting(string app, SetBuildSettingRequest request, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct)
    {
        await builds.SetAsync(user.ToActor(), app, request.Key, request.Value, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> SetGlobalSetting(SetBuildSettingRequest request, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct)
    {
        await builds.SetGlobalAsync(user.ToActor(), request.Key, request.Value, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// ps:rebuild, streamed as NDJSON frames. The client going away cancels the build, as a
    /// pusher's Ctrl-C does. A failure before the first line is a problem+json like any other.
    /// </summary>
    public static async Task Rebuild(string app, ClaimsPrincipal user, BuildOperations builds, HttpContext context, CancellationToken ct)
    {
        // The same NDJSON frames as the pre-receive answer: the lines, then the exit code.
        var output = new NdjsonHookOutput(context.Response);
        try
        {
            await builds.RebuildAsync(user.ToActor(), app, output, ct);
            await output.WriteExitAsync(0, ct);
        }
        catch (Exception e) when (e is BuildFailedException or Core.Deploys.DeployFailedException && output.Started)
        {
            // The build's (or the deploy's) output already says why.
            await output.WriteExitAsync(1, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left; the build was cancelled with it.
        }
        catch (OperationCanceledException) when (output.Started)
        {
            // builds:cancel from elsewhere; the output says who cancelled.
            await output.WriteExitAsync(1, ct);
        }
    }

    public static async Task<NoContent> PurgeCache(string app, ClaimsPrincipal user, BuildOperations builds, CancellationToken ct)
    {
        await builds.PurgeCacheAsync(user.ToActor(), app, ct);
        return TypedResults.NoContent();
    }
}
