namespace Paas.Runtime.Tests.Images;

/// <summary>A read-only overlay of lower dirs (top-most first) mounted for a test and unmounted on dispose.</summary>
public sealed class OverlayMount : IDisposable
{
    public OverlayMount(IReadOnlyList<string> lowerDirs, string mountPoint)
    {
        Directory.CreateDirectory(mountPoint);
        // overlayfs needs at least two lower dirs when there is no upper dir.
        var lowers = lowerDirs.Count > 1 ? lowerDirs : [.. lowerDirs, EmptyDirBeside(mountPoint)];
        Tool.Run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + string.Join(':', lowers), mountPoint);
        Path = mountPoint;
    }

    public string Path { get; }

    public void Dispose() => Tool.Run("umount", Path);

    private static string EmptyDirBeside(string mountPoint)
    {
        var empty = mountPoint + ".empty";
        Directory.CreateDirectory(empty);
        return empty;
    }
}
