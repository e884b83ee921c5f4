using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Certificates;

namespace Paas.Api.Endpoints;

/// <summary>certs:add|remove|report.</summary>
public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/certs").WithTags("Certificates");
        api.MapGet("", Report).WithName("ReportCertificate").WithSummary("certs:report");
        api.MapPut("", Add).WithName("AddCertificate").WithSummary("certs:add");
        api.MapDelete("", Remove).WithName("RemoveCertificate").WithSummary("certs:remove");
        return routes;
    }

    public static async Task<Ok<CertificateView>> Report(string app, ClaimsPrincipal user, CertificateOperations certs, CancellationToken ct) =>
        TypedResults.Ok(await certs.ReportAsync(user.ToActor(), app, ct));

    public static async Task<Ok<CertificateView>> Add(string app, AddCertificateRequest request, ClaimsPrincipal user, CertificateOperations certs,
        CancellationToken ct) =>
        TypedResults.Ok(await certs.AddAsync(user.ToActor(), app, request, ct));

    public static async Task<NoContent> Remove(string app, ClaimsPrincipal user, CertificateOperations certs, CancellationToken ct)
    {
        await certs.RemoveAsync(user.ToActor(), app, ct);
        return TypedResults.NoContent();
    }
}
