namespace Paas.Runtime.Images;

/// <summary>A blob written and digested in the staging area, not yet visible in blobs/sha256.</summary>
internal sealed record StagedBlob(string TempPath, string Digest, long Size);
