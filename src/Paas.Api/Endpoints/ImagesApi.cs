using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Images;

namespace Paas.Api.Endpoints;

public static class ImagesApi
{
    public const string OciArchiveMediaType = "application/x-tar";

    public static RouteGroupBuilder MapImagesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Images).WithTags("Images");
        api.MapGet("", ListImages).WithName("ListImages").WithSummary("images:list");
        api.MapGet("/export", ExportImage).WithName("ExportImage").WithSummary("images:export (an OCI archive)");
        api.MapPost("/import", ImportImage).WithName("ImportImage").WithSummary("images:import (an OCI archive)");
        // The reference's own '/' separators stay in the path, so the route takes the rest of it.
        api.MapDelete("/{**reference}", DeleteImage).WithName("DeleteImage").WithSummary("images:delete");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ImageView>>> ListImages(ClaimsPrincipal user, ImageOperations images, CancellationToken ct) =>
        TypedResults.Ok(await images.ListAsync(user.ToActor(), ct));

    /// <summary>Streams the archive; the image is looked up first so a missing one is a 404 with a body, not a broken download.</summary>
    public static async Task<IResult> ExportImage(string reference, ClaimsPrincipal user, ImageOperations images, HttpContext context, CancellationToken ct)
    {
        var actor = user.ToActor();
        var image = await images.FindAsync(actor, reference, ct);
        var fileName = image.Reference.Replace('/', '_').Replace(':', '_') + ".tar";
        return Results.Stream(stream => images.ExportAsync(actor, reference, stream, ct), OciArchiveMediaType, fileName);
    }

    public static async Task<Created<ImageView>> ImportImage(HttpRequest request, ClaimsPrincipal user, ImageOperations images, CancellationToken ct,
        string? reference = null)
    {
        // Images are often larger than Kestrel's 30 MB default body limit; only admins may import at all.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        var image = await images.ImportAsync(user.ToActor(), request.Body, reference, ct);
        return TypedResults.Created(ApiRoutes.ImageExport(image.Reference), image);
    }

    public static async Task<NoContent> DeleteImage(string reference, ClaimsPrincipal user, ImageOperations images, CancellationToken ct)
    {
        await images.DeleteAsync(user.ToActor(), reference, ct);
        return TypedResults.NoContent();
    }
}
