namespace Paas.Runtime.Images;

/// <summary>Writes a file so readers see the old or the new content, never a part: temp file, fsync, rename.</summary>
internal static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, byte[] content, CancellationToken ct)
    {
        var temp = TempPathBeside(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.WriteAsync(content, ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static string TempPathBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".tmp-{Path.GetFileName(path)}-{Guid.NewGuid():N}");
}
