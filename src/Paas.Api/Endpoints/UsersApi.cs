using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Users;

namespace Paas.Api.Endpoints;

/// <summary>users:add|list|remove|passwd. The Engine refuses non-administrators (403), except for one's own password.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Users).WithTags("Users");
        api.MapGet("", ListUsers).WithName("ListUsers").WithSummary("users:list");
        api.MapPost("", AddUser).WithName("AddUser").WithSummary("users:add");
        api.MapDelete("/{name}", RemoveUser).WithName("RemoveUser").WithSummary("users:remove");
        api.MapPut("/{name}/password", SetPassword).WithName("SetPassword").WithSummary("users:passwd");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<UserView>>> ListUsers(ClaimsPrincipal user, UserOperations users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(user.ToActor(), ct));

    public static async Task<Created<CreatedUser>> AddUser(AddUserRequest request, ClaimsPrincipal user, UserOperations users, CancellationToken ct)
    {
        var created = await users.AddAsync(user.ToActor(), request.Name, request.Role, request.Password, ct);
        return TypedResults.Created(ApiRoutes.User(created.Name), created);
    }

    public static async Task<NoContent> RemoveUser(string name, ClaimsPrincipal user, UserOperations users, CancellationToken ct)
    {
        await users.RemoveAsync(user.ToActor(), name, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PasswordChanged>> SetPassword(string name, SetPasswordRequest request, ClaimsPrincipal user, UserOperations users,
        CancellationToken ct) =>
        TypedResults.Ok(await users.SetPasswordAsync(user.ToActor(), name, request.Password, ct));
}
