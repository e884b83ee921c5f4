using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Metrics;

namespace Paas.Api.Endpoints;

/// <summary>An app's chart series (metrics APP), and every container's counters for Prometheus (admin only).</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ApiRoutes.Apps + "/{app}/metrics", GetMetrics).WithTags("Metrics").WithName("AppMetrics").WithSummary("metrics");
        routes.MapGet(ApiRoutes.PrometheusMetrics, Scrape).WithTags("Metrics").WithName("PrometheusMetrics").WithSummary("Prometheus text format");
        return routes;
    }

    public static async Task<Ok<AppMetrics>> GetMetrics(string app, ClaimsPrincipal user, MetricsOperations metrics, CancellationToken ct,
        string range = "1h") =>
        TypedResults.Ok(await metrics.GetMetricsAsync(user.ToActor(), app, range, ct));

    public static async Task<ContentHttpResult> Scrape(ClaimsPrincipal user, PrometheusOperations prometheus, CancellationToken ct) =>
        TypedResults.Text(await prometheus.ScrapeAsync(user.ToActor(), ct), PrometheusText.ContentType);
}
