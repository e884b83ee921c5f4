namespace Paas.Runtime.Containers;

/// <summary>
/// Writes a file that only root may read, created with mode 0600 (never briefly wider: a host user
/// who opened it in that moment would keep reading). For files in directories runc must traverse
/// as the container's root, which other host users can traverse too.
/// </summary>
internal static class PrivateFile
{
    public static void Write(string path, string content)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("container files are Linux only");
        File.Delete(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(content);
    }
}
