using Microsoft.Win32.SafeHandles;

namespace Paas.Runtime.Monitor;

/// <summary>
/// The OCI runtime as conmon is told to run it: <c>/proc/&lt;our pid&gt;/fd/&lt;n&gt;</c>, a descriptor
/// of the runtime binary that this process holds open for its lifetime. conmon waits on its start
/// socket before it runs the runtime, and reads end-of-file there as "go" just like a byte. When
/// paasd dies (kill -9 included) the kernel drops its descriptor table before it closes the start
/// socket's last end, so by the time a waiting conmon sees end-of-file this path no longer
/// resolves: its exec of the runtime fails, it exits, and nothing was created (no runc, no cgroup,
/// no container) from a bundle paasd may have left half-written. While paasd lives the path is the
/// runtime itself (exec follows /proc/PID/fd links like fexecve). paasd's pid cannot be taken by
/// another process before conmon acts: it stays a zombie until reaped, and conmon acts at once.
/// </summary>
internal static class RuntimeHandle
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, SafeFileHandle> Open = [];

    public static string PathFor(string binary)
    {
        SafeFileHandle handle;
        lock (Gate)
        {
            if (!Open.TryGetValue(binary, out handle!))
                Open[binary] = handle = File.OpenHandle(binary, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        return $"/proc/{Environment.ProcessId}/fd/{handle.DangerousGetHandle()}";
    }
}
