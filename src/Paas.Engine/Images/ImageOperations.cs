using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Images;
using Paas.Engine.Operations;

namespace Paas.Engine.Images;

/// <summary>images:list|export|import: OCI archives so an image built here runs under Podman, Docker or Kubernetes.</summary>
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
        var image = await images.FindAsync(reference, ct)
            ?? throw new NotFoundException($"image '{reference}' does not exist: see `paas images:list`");
        return ToView(image);
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
        Image image;
        try
        {
            image = await images.ImportAsync(archive, reference, ct);
        }
        catch (InvalidImageException e)
        {
            throw new ValidationException("archive", $"the archive is not a usable OCI image: {e.Message}");
        }
        await AuditAsync(actor, "images:import", image.Reference, ct);
        return ToView(image);
    }

    private Task AuditAsync(Actor actor, string action, string reference, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            await StateOperation.AuditAsync(s, actor, action, null, ct, ("image", reference));
            return true;
        }, ct);

    private static ImageView ToView(Image image) => new(image.Reference, image.ManifestDigest, image.LayerDigests);
}
