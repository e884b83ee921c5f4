using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>Checks that a manifest and its config describe a runnable image this store can unpack.</summary>
internal static class ImageValidation
{
    public static OciManifest ParseManifest(byte[] json, string digest)
    {
        var manifest = OciJson.Parse<OciManifest>(json, $"manifest {digest}");
        if (manifest.SchemaVersion != 2)
        {
            throw new InvalidImageException($"manifest {digest}: unsupported schemaVersion {manifest.SchemaVersion}");
        }

        if (manifest.MediaType is not null && !OciMediaTypes.IsManifest(manifest.MediaType))
        {
            throw new InvalidImageException($"manifest {digest}: unexpected mediaType {manifest.MediaType}");
        }

        CheckDescriptor(manifest.Config, $"manifest {digest} config");
        if (manifest.Config.MediaType is not (OciMediaTypes.Config or OciMediaTypes.DockerConfig))
        {
            throw new InvalidImageException($"manifest {digest}: config mediaType {manifest.Config.MediaType} is not an image config");
        }

        foreach (var layer in manifest.Layers)
        {
            CheckDescriptor(layer, $"manifest {digest} layer");
            if (!OciMediaTypes.IsSupportedLayer(layer.MediaType))
            {
                throw new InvalidImageException(
                    $"manifest {digest}: layer {layer.Digest} has mediaType {layer.MediaType}; only uncompressed and gzip tar layers are supported");
            }
        }

        return manifest;
    }

    public static OciImageConfigFile ParseConfig(byte[] json, OciManifest manifest)
    {
        var config = OciJson.Parse<OciImageConfigFile>(json, $"image config {manifest.Config.Digest}");
        if (config.Os != "linux")
        {
            throw new InvalidImageException($"image config {manifest.Config.Digest}: os is '{config.Os}', only linux images run here");
        }

        if (config.Rootfs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new InvalidImageException(
                $"image config {manifest.Config.Digest}: {config.Rootfs.DiffIds.Count} diff_ids for {manifest.Layers.Count} layers");
        }

        foreach (var diffId in config.Rootfs.DiffIds)
        {
            Digests.Hex(diffId);
        }

        return config;
    }

    private static void CheckDescriptor(OciDescriptor descriptor, string what)
    {
        if (!Digests.IsValid(descriptor.Digest))
        {
            throw new InvalidImageException($"{what}: malformed digest '{descriptor.Digest}' (only sha256 is supported)");
        }

        if (descriptor.Size < 0)
        {
            throw new InvalidImageException($"{what} {descriptor.Digest}: negative size");
        }
    }
}
