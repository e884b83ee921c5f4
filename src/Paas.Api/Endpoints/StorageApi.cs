using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Storage;

namespace Paas.Api.Endpoints;

/// <summary>storage:list|mount|unmount. The mount travels as "NAME:/container/path[:ro]" (a body, or a query for DELETE).</summary>
public static class StorageApi
{
    public static RouteGroupBuilder MapStorageApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Apps + "/{app}/storage").WithTags("Storage");
        api.MapGet("", ListStorage).WithName("ListStorage").WithSummary("storage:list");
        api.MapPost("", MountStorage).WithName("MountStorage").WithSummary("storage:mount");
        api.MapDelete("", UnmountStorage).WithName("UnmountStorage").WithSummary("storage:unmount");
        api.MapPost("/directories", EnsureStorageDirectory).WithName("EnsureStorageDirectory").WithSummary("storage:ensure-directory");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<StorageMountView>>> ListStorage(string app, ClaimsPrincipal user, StorageOperations storage, CancellationToken ct) =>
        TypedResults.Ok(await storage.ListAsync(user.ToActor(), app, ct));

    public static async Task<Ok<IReadOnlyList<StorageMountView>>> MountStorage(string app, StorageRequest request, ClaimsPrincipal user, StorageOperations storage,
        CancellationToken ct) =>
        TypedResults.Ok(await storage.MountAsync(user.ToActor(), app, request.Mount, ct));

    public static async Task<Ok<StorageDirectoryView>> EnsureStorageDirectory(string app, EnsureStorageDirectoryRequest request, ClaimsPrincipal user,
        StorageOperations storage, CancellationToken ct) =>
        TypedResults.Ok(await storage.EnsureDirectoryAsync(user.ToActor(), app, request.Name, ct));

    public static async Task<Ok<IReadOnlyList<StorageMountView>>> UnmountStorage(string app, string? mount, ClaimsPrincipal user, StorageOperations storage,
        CancellationToken ct) =>
        TypedResults.Ok(await storage.UnmountAsync(user.ToActor(), app, mount, ct));
}
