using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Ssh;

namespace Paas.Api.Endpoints;

public static class SshKeysApi
{
    public static RouteGroupBuilder MapSshKeysApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.SshKeys).WithTags("SSH keys");
        api.MapGet("", ListSshKeys).WithName("ListSshKeys").WithSummary("ssh-keys:list");
        api.MapPost("", AddSshKey).WithName("AddSshKey").WithSummary("ssh-keys:add");
        api.MapDelete("/{name}", RemoveSshKey).WithName("RemoveSshKey").WithSummary("ssh-keys:remove");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<SshKeyView>>> ListSshKeys(ClaimsPrincipal user, SshKeyOperations keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(user.ToActor(), ct));

    public static async Task<Created<SshKeyView>> AddSshKey(AddSshKeyRequest request, ClaimsPrincipal user, SshKeyOperations keys, CancellationToken ct)
    {
        var added = await keys.AddAsync(user.ToActor(), request.Name, request.Key, request.User, ct);
        return TypedResults.Created(ApiRoutes.SshKey(added.Name), added);
    }

    public static async Task<NoContent> RemoveSshKey(string name, ClaimsPrincipal user, SshKeyOperations keys, CancellationToken ct)
    {
        await keys.RemoveAsync(user.ToActor(), name, ct);
        return TypedResults.NoContent();
    }
}
