using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Git;

namespace Paas.Api.Endpoints;

public static class GitApi
{
    public static RouteGroupBuilder MapGitApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/git").WithTags("Git");
        api.MapGet("", Report).WithName("GitReport").WithSummary("git:report");
        api.MapPut("/settings/{key}", Set).WithName("GitSet").WithSummary("git:set APP KEY [VALUE] (a null value unsets)");
        return api;
    }

    public static async Task<Ok<GitReport>> Report(string app, ClaimsPrincipal user, GitOperations git, CancellationToken ct) =>
        TypedResults.Ok(await git.ReportAsync(user.ToActor(), app, ct));

    public static async Task<Ok<GitReport>> Set(string app, string key, GitSettingRequest request, ClaimsPrincipal user, GitOperations git,
        CancellationToken ct) =>
        TypedResults.Ok(await git.SetAsync(user.ToActor(), app, key, request.Value, ct));
}
