using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>An image as read from the layout: its index entry, manifest and config documents.</summary>
internal sealed record StoredImage(string Reference, OciDescriptor ManifestDescriptor, OciManifest Manifest, OciImageConfigFile Config);
