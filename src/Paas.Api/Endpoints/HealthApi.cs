using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Contracts;
using Paas.Engine.Operations;

namespace Paas.Api.Endpoints;

public static class HealthApi
{
    /// <summary>Anonymous, so a load balancer or monitor can ask; it says whether paasd can do its work, which needs the state database.</summary>
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ApiRoutes.Health, CheckHealth).WithTags("Health").WithName("Health").WithSummary("health").AllowAnonymous();

    /// <summary>200 when PostgreSQL answers; otherwise the 503 problem "state database unavailable" with the reason.</summary>
    public static async Task<Ok<HealthView>> CheckHealth(StateHealth health, CancellationToken ct)
    {
        await health.CheckAsync(ct);
        return TypedResults.Ok(new HealthView("ok", "ok"));
    }
}
