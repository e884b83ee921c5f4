using System.Runtime.InteropServices;
using Paas.Runtime.Oci.Native;

namespace Paas.Runtime.Oci;

/// <summary>
/// Starts a created runc container the way `runc start` itself does it, without paying for a runc
/// process (Go start-up, about 8-10 ms here, on every start). runc 1.x leaves its `runc init`
/// blocked opening &lt;state&gt;/&lt;id&gt;/exec.fifo for writing; `runc start` (libcontainer
/// container_linux.go exec/handleFifoResult) opens it for reading, reads the byte init writes,
/// sees EOF when init execs the process (the fd is close-on-exec) and removes the fifo, which is
/// what makes runc report "running". Anything unexpected — another runtime, no fifo, init gone —
/// returns false and the caller runs the runtime's own `start`, whose error is authoritative.
/// </summary>
internal static class RuncExecFifo
{
    private const string FifoName = "exec.fifo";
    private static readonly TimeSpan LivenessCheck = TimeSpan.FromMilliseconds(100);

    public static async Task<bool> TryStartAsync(string stateRoot, string id, int initPid, TimeSpan timeout, CancellationToken ct)
    {
        var fifo = Path.Combine(stateRoot, id, FifoName);
        if (!File.Exists(fifo) || !ProcessState.IsAlive(initPid)) return false;

        // Normally init is already waiting in open(), so this completes at once. If init dies
        // first, the open would block forever: check on it like runc does, and release our open
        // by opening the write side ourselves (it then reads nothing: not started).
        var release = Task.Run(() => Release(fifo), CancellationToken.None);
        var deadline = DateTime.UtcNow + timeout;
        while (await Task.WhenAny(release, Task.Delay(LivenessCheck, CancellationToken.None)) != release)
        {
            if (!ProcessState.IsAlive(initPid) || DateTime.UtcNow > deadline || ct.IsCancellationRequested)
            {
                Unblock(fifo);
                break;
            }
        }
        var released = await release;
        ct.ThrowIfCancellationRequested();
        if (!released) return false;
        File.Delete(fifo);
        return true;
    }

    /// <summary>True when init wrote its byte (it then execs the process).</summary>
    private static bool Release(string fifo)
    {
        int fd;
        do fd = FifoLibC.Open(fifo, FifoLibC.ORdOnly | FifoLibC.OCloexec);
        while (fd < 0 && Marshal.GetLastPInvokeError() == FifoLibC.Eintr);
        if (fd < 0) return false;
        try
        {
            var buffer = new byte[16];
            var total = 0L;
            while (true)
            {
                var n = FifoLibC.Read(fd, buffer, buffer.Length);
                if (n < 0 && Marshal.GetLastPInvokeError() == FifoLibC.Eintr) continue;
                if (n <= 0) return total > 0;
                total += n;
            }
        }
        finally { FifoLibC.Close(fd); }
    }

    private static void Unblock(string fifo)
    {
        var fd = FifoLibC.Open(fifo, FifoLibC.OWrOnly | FifoLibC.ONonBlock | FifoLibC.OCloexec);
        if (fd >= 0) FifoLibC.Close(fd);
    }
}
