namespace Paas.Runtime.Images;

/// <summary>
/// An exclusive lock on a file, held across processes (flock through FileShare.None on Unix) and
/// across threads of this process (each open is its own lock holder). Waits by polling.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another process or thread: wait and retry.
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
