namespace Paas.Cli.Commands.Images;

/// <summary>An image as one file: an OCI image layout (oci-layout, index.json, blobs/) in a tar, as paasd sends and takes it.</summary>
public static class OciArchive
{
    public const string MediaType = "application/x-tar";

    /// <summary>The file name that means standard input or output.</summary>
    public const string StandardStream = "-";
}
