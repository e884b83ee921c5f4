namespace Paas.Runtime.Images.Oci;

/// <summary>Media types of the OCI image spec v1.1 that this store reads or writes.</summary>
internal static class OciMediaTypes
{
    public const string Index = "application/vnd.oci.image.index.v1+json";
    public const string Manifest = "application/vnd.oci.image.manifest.v1+json";
    public const string Config = "application/vnd.oci.image.config.v1+json";
    public const string LayerTar = "application/vnd.oci.image.layer.v1.tar";
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    // Docker's schema 2 types, found in archives written by older docker/skopeo versions.
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    // Docker (containerd image store) names loaded images from this one.
    public const string ContainerdNameAnnotation = "io.containerd.image.name";

    public static bool IsManifest(string? mediaType) => mediaType is Manifest or DockerManifest;

    public static bool IsIndex(string? mediaType) => mediaType is Index or DockerManifestList;

    public static bool IsGzipLayer(string mediaType) => mediaType is LayerTarGzip or DockerLayerTarGzip;

    public static bool IsSupportedLayer(string mediaType) => mediaType is LayerTar || IsGzipLayer(mediaType);
}
