using System.Runtime.InteropServices;

namespace Paas.Proxy.EdgeSockets;

/// <summary>epoll(7), which System.Net.Sockets uses inside but does not expose. Safe signatures: no unsafe code.</summary>
internal static class EpollLibC
{
    public const int EpollCloexec = 0x80000;
    public const int CtlAdd = 1;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 1u << 31;
    public const int Eintr = 4;

    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static extern int Create(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static extern int Control(int epfd, int op, int fd, byte[] evt);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static extern int Wait(int epfd, byte[] events, int maxEvents, int timeout);

    /// <summary>
    /// struct epoll_event is { uint32 events; uint64 data } packed to 12 bytes on x86-64 (the kernel's
    /// EPOLL_PACKED), and naturally aligned to 16 bytes elsewhere.
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static int DataOffset => EventSize == 12 ? 4 : 8;
}
