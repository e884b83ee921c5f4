using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Stacks;

namespace Paas.Api.Endpoints;

public static class StacksApi
{
    public static RouteGroupBuilder MapStacksApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Stacks).WithTags("Stacks");
        api.MapGet("", ListStacks).WithName("ListStacks").WithSummary("stacks:list");
        api.MapPost("", CreateStack).WithName("CreateStack").WithSummary("stacks:create");
        api.MapPut("/default", SetDefaultStack).WithName("SetDefaultStack").WithSummary("stacks:default");
        api.MapDelete("/{name}", DeleteStack).WithName("DeleteStack").WithSummary("stacks:delete");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<StackView>>> ListStacks(StackOperations stacks, CancellationToken ct) =>
        TypedResults.Ok(await stacks.ListAsync(ct));

    public static async Task<Created<StackView>> CreateStack(CreateStackRequest request, ClaimsPrincipal user, StackOperations stacks, CancellationToken ct)
    {
        var stack = await stacks.CreateAsync(user.ToActor(), request, ct);
        return TypedResults.Created(ApiRoutes.Stack(stack.Name), stack);
    }

    public static async Task<NoContent> SetDefaultStack(SetDefaultStackRequest request, ClaimsPrincipal user, StackOperations stacks, CancellationToken ct)
    {
        await stacks.SetDefaultAsync(user.ToActor(), request.Name, ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteStack(string name, ClaimsPrincipal user, StackOperations stacks, CancellationToken ct)
    {
        await stacks.DeleteAsync(user.ToActor(), name, ct);
        return TypedResults.NoContent();
    }
}
