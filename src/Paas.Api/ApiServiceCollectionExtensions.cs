using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paas.Api.Auth;
using Paas.Api.Endpoints;
using Paas.Api.Errors;
using Paas.Api.Git;
using Paas.Core.Contracts;

namespace Paas.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddPaasApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        // Let body-binding failures (malformed JSON, unknown fields) reach PaasExceptionHandler, which says what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<PaasExceptionHandler>();
        services.AddPaasAuthentication();
        services.AddAuthorization();
        services.AddOpenApi();
        return services;
    }

    /// <summary>Every /api/v1 endpoint needs an authenticated caller, except the health probe (on every listener); /git checks its own.</summary>
    public static IEndpointRouteBuilder MapPaasApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi();
        routes.MapHealthApi();
        // git authenticates with Basic and needs a 401 that asks for it: these endpoints check the token themselves.
        routes.MapGitHttpApi();
        // Login and logout work without being logged in; /auth/me requires it.
        routes.MapAuthApi();
        var api = routes.MapGroup("").RequireAuthorization();
        api.MapAppsApi();
        api.MapConfigApi();
        api.MapDomainsApi();
        api.MapPortsApi();
        api.MapStorageApi();
        api.MapFormationApi();
        api.MapReleasesApi();
        api.MapProcessesApi();
        api.MapCertificatesApi();
        api.MapRunApi();
        api.MapCronApi();
        api.MapTokensApi();
        api.MapEventsApi();
        api.MapStacksApi();
        api.MapImagesApi();
        api.MapLogsApi();
        api.MapBuildsApi();
        api.MapChecksApi();
        api.MapGitApi();
        api.MapPreReceiveApi();
        api.MapSshKeysApi();
        api.MapSshSessionApi();
        api.MapMetricsApi();
        api.MapUsersApi();
        api.MapGrantsApi();
        api.MapInternalEndpointsApi();
        return routes;
    }
}
