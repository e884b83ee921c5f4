namespace Paas.Runtime.Network;

/// <summary>
/// Serialises CNI operations on this host. Bridges, iptables chains (portmap's CNI-HOSTPORT-*
/// are shared by every bridge) and sysctls are host-wide, and plugins 1.1.1 race when two
/// ADDs create the same bridge or chain at once, so every ADD and DEL chain runs alone: within
/// the process through a semaphore, across processes (paasd, a second test run) through an
/// flock on a file under /run/lock. An attach costs about 0.2 s, so the queue stays short.
/// </summary>
public static class CniHostLock
{
    public const string DefaultPath = "/run/lock/paas-cni.lock";

    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static Task<IAsyncDisposable> AcquireAsync(CancellationToken ct) => AcquireAsync(DefaultPath, ct);

    public static async Task<IAsyncDisposable> AcquireAsync(string path, CancellationToken ct)
    {
        await InProcess.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            while (true)
            {
                try
                {
                    // On Unix, FileShare.None takes flock(LOCK_EX | LOCK_NB) on the descriptor.
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Held(file);
                }
                catch (IOException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
                }
            }
        }
        catch
        {
            InProcess.Release();
            throw;
        }
    }

    private sealed class Held(FileStream file) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync();
            InProcess.Release();
        }
    }
}
