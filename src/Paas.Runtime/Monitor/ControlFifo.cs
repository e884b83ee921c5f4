using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Paas.Runtime.Oci.Native;

namespace Paas.Runtime.Monitor;

/// <summary>
/// conmon's control FIFO (<c>ctl</c>: resizes, log reopening), opened for writing only while conmon reads it.
/// A plain open of a FIFO with no reader blocks until one comes, and after conmon exited none ever does:
/// a command that ended before its session opened the FIFO (a short <c>run -t</c> on a loaded machine)
/// hung that session for good. Opening with O_NONBLOCK fails at once (ENXIO) instead.
/// </summary>
internal static class ControlFifo
{
    /// <summary>A blocking write stream to the FIFO, or null when conmon has gone (no reader, or no FIFO left).</summary>
    public static FileStream? TryOpenForWriting(string path)
    {
        var fd = FifoLibC.Open(path, FifoLibC.OWrOnly | FifoLibC.ONonBlock | FifoLibC.OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is FifoLibC.Enxio or FifoLibC.Enoent) return null;
            throw new IOException($"cannot open conmon's control fifo {path}: errno {errno}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        // Writes block again (a reader exists now; a full FIFO waits rather than failing with EAGAIN).
        var flags = FifoLibC.Fcntl(fd, FifoLibC.FGetFl, 0);
        if (flags < 0 || FifoLibC.Fcntl(fd, FifoLibC.FSetFl, flags & ~FifoLibC.ONonBlock) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"cannot make conmon's control fifo {path} blocking: errno {errno}");
        }
        return new FileStream(handle, FileAccess.Write, bufferSize: 1);
    }
}
