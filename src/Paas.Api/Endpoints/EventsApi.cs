using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Core.Events;
using Paas.Engine.Events;

namespace Paas.Api.Endpoints;

public static class EventsApi
{
    public static RouteHandlerBuilder MapEventsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ApiRoutes.Events, ListEvents).WithTags("Events").WithName("ListEvents").WithSummary("events");

    public static async Task<Ok<IReadOnlyList<AuditEvent>>> ListEvents(ClaimsPrincipal user, EventOperations events, CancellationToken ct,
        string? app = null, int limit = 100) =>
        TypedResults.Ok(await events.ListAsync(user.ToActor(), app, limit, ct));
}
