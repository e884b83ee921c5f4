using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Paas.Runtime.Monitor.Native;

namespace Paas.Runtime.Monitor;

/// <summary>
/// A connected AF_UNIX stream pair: our end as a <see cref="Socket"/> (async reads that can be
/// cancelled), the other as a raw fd for a child started by <see cref="ChildSpawner"/>.
/// Both ends are close-on-exec; the child gets its end through dup2.
/// </summary>
internal sealed class SocketPair : IDisposable
{
    /// <summary>Child ends live above the fds a child is given (0-2 and 3, 4, ...), so no dup2 overwrites a later source.</summary>
    private const int MinChildFd = 10;

    private SocketPair(Socket parent, int childFd)
    {
        Parent = parent;
        ChildFd = childFd;
    }

    public Socket Parent { get; }
    public int ChildFd { get; private set; }

    public static SocketPair Create()
    {
        var fds = new int[2];
        if (SpawnLibC.SocketPair(SpawnLibC.AfUnix, SpawnLibC.SockStream | SpawnLibC.SockCloexec, 0, fds) != 0)
            throw Error("socketpair");
        var child = SpawnLibC.Fcntl(fds[1], SpawnLibC.FDupFdCloexec, MinChildFd);
        var error = child < 0 ? Error("fcntl(F_DUPFD_CLOEXEC)") : null;
        SpawnLibC.Close(fds[1]);
        if (error is not null)
        {
            SpawnLibC.Close(fds[0]);
            throw error;
        }
        return new SocketPair(new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)), child);
    }

    /// <summary>Once the child has its copy: ours must go, or reads would never see the child's end close.</summary>
    public void CloseChildEnd()
    {
        if (ChildFd < 0) return;
        SpawnLibC.Close(ChildFd);
        ChildFd = -1;
    }

    /// <summary>Everything until the peer closes (or <paramref name="timeout"/>), as UTF-8.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var buffer = new byte[4096];
        using var all = new MemoryStream();
        try
        {
            int n;
            while ((n = await Parent.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) all.Write(buffer, 0, n);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        return System.Text.Encoding.UTF8.GetString(all.ToArray());
    }

    public void Dispose()
    {
        CloseChildEnd();
        Parent.Dispose();
    }

    private static IOException Error(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {new Win32Exception(errno).Message} (errno {errno})");
    }
}
