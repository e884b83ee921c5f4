namespace Paas.Core.Images;

/// <summary>
/// What a container's root filesystem is made of: overlay lower dirs, top-most first (the order
/// overlayfs lowerdir= wants), plus read-only binds (the host stack binds the host's /usr etc.).
/// </summary>
public sealed record RootfsPlan(IReadOnlyList<string> LowerDirs, IReadOnlyList<BindMount> BindMounts);
