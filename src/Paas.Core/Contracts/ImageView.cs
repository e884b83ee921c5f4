namespace Paas.Core.Contracts;

public sealed record ImageView(string Reference, string ManifestDigest, IReadOnlyList<string> LayerDigests);
