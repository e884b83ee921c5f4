namespace Paas.Core.Files;

/// <summary>
/// Bytes a directory tree takes: the allocated size of its regular files, never following symlinks
/// (a build dir or a container's layer may hold links that point anywhere). A missing path is 0;
/// entries that vanish or cannot be read while it walks are skipped.
/// </summary>
public static class DirectorySize
{
    public static long Of(string path)
    {
        if (!Directory.Exists(path)) return File.Exists(path) ? new FileInfo(path).Length : 0;
        long total = 0;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            ReturnSpecialDirectories = false,
        };
        try
        {
            foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", options))
            {
                try
                {
                    total += file.Length;
                }
                catch (IOException)
                {
                    // Removed meanwhile.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        return total;
    }
}
