using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Images;
using Paas.Engine.Operations;

namespace Paas.Engine.Images;

/// <summary>
/// images:list|export|import|delete: OCI archives so an image built here runs under Podman, Docker
/// or Kubernetes. Imports may not take a stack's reference; an image a release or a stack uses is
/// not deleted.
/// </summary>
public sealed class ImageOperations(StateOperation op, IImageStore images)
{
    public async Task<IReadOnlyList<ImageView>> ListAsync(Actor actor, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "list images");
        return (await images.ListAsync(ct)).Select(ToView).ToList();
    }

    /// <summary>Checks the image exists before a caller starts streaming, so a missing one is a clean 404.</summary>
    public async Task<ImageView> FindAsync(Actor actor, string reference, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "export images");
        return ToView(await RequireImageAsync(reference, ct));
    }

    public async Task ExportAsync(Actor actor, string reference, Stream destination, CancellationToken ct)
    {
        await FindAsync(actor, reference, ct);
        await images.ExportAsync(reference, destination, ct);
        await AuditAsync(actor, "images:export", reference, ct);
    }

    public async Task<ImageView> ImportAsync(Actor actor, Stream archive, string? reference, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "import images");
        if (reference is not null)
            RequireValidReference(reference);
        Image image;
        try
        {
            image = await images.ImportAsync(archive, reference, ct);
        }
        catch (InvalidImageException e)
        {
            throw new ValidationException("archive", $"the archive is not a usable OCI image: {e.Message}");
        }
        catch (ImageInUseException e)
        {
            throw new ConflictException(e.Message);
        }
        await AuditAsync(actor, "images:import", image.Reference, ct);
        return ToView(image);
    }

    /// <summary>Removes the reference, then every blob and unpacked layer no other image holds.</summary>
    public async Task DeleteAsync(Actor actor, string reference, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "delete images");
        var image = await RequireImageAsync(reference, ct);
        var uses = await op.ReadAsync(s => s.Releases.ListUsingImageAsync([image.ManifestDigest, image.Reference], ct), ct);
        if (uses.Count > 0)
        {
            var releases = string.Join(", ", uses.Select(u => $"{u.App} v{u.Version}"));
            throw new ConflictException($"image '{reference}' is used by release{(uses.Count == 1 ? "" : "s")} {releases}: it stays while a release can run it");
        }

        try
        {
            await images.DeleteAsync(reference, ct);
        }
        catch (ImageInUseException e)
        {
            throw new ConflictException(e.Message);
        }
        catch (ImageNotFoundException)
        {
            throw NotFound(reference); // Deleted by someone else meanwhile.
        }
        await AuditAsync(actor, "images:delete", reference, ct);
    }

    /// <summary>By reference (or, for export, manifest digest); a name that cannot be a reference is a 400 naming the rule.</summary>
    private async Task<Image> RequireImageAsync(string reference, CancellationToken ct)
    {
        if (await images.FindAsync(reference, ct) is { } image)
            return image;
        RequireValidReference(reference);
        throw NotFound(reference);
    }

    private static void RequireValidReference(string reference)
    {
        if (ImageReference.Problem(reference) is { } problem)
            throw new ValidationException("reference", problem);
    }

    private static NotFoundException NotFound(string reference) =>
        new($"image '{reference}' does not exist: see `paas images:list`");

    private Task AuditAsync(Actor actor, string action, string reference, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            await StateOperation.AuditAsync(s, actor, action, null, ct, ("image", reference));
            return true;
        }, ct);

    private static ImageView ToView(Image image) => new(image.Reference, image.ManifestDigest, image.LayerDigests);
}
