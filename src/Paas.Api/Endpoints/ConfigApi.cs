using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Config;

namespace Paas.Api.Endpoints;

public static class ConfigApi
{
    public static RouteGroupBuilder MapConfigApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/config").WithTags("Config");
        api.MapGet("", ShowConfig).WithName("ShowConfig").WithSummary("config:show");
        api.MapGet("/{key}", GetConfigValue).WithName("GetConfigValue").WithSummary("config:get");
        api.MapPatch("", ChangeConfig).WithName("ChangeConfig").WithSummary("config:set and config:unset");
        return api;
    }

    public static async Task<Ok<IReadOnlyDictionary<string, string>>> ShowConfig(string app, ClaimsPrincipal user, ConfigOperations config, CancellationToken ct) =>
        TypedResults.Ok(await config.ShowAsync(user.ToActor(), app, ct));

    public static async Task<Ok<ConfigValue>> GetConfigValue(string app, string key, ClaimsPrincipal user, ConfigOperations config, CancellationToken ct) =>
        TypedResults.Ok(await config.GetAsync(user.ToActor(), app, key, ct));

    public static async Task<Ok<ConfigChangeResult>> ChangeConfig(string app, ConfigChangeRequest request, ClaimsPrincipal user, ConfigOperations config, CancellationToken ct) =>
        TypedResults.Ok(await config.ChangeAsync(user.ToActor(), app, request, ct));
}
