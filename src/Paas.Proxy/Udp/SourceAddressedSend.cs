using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Paas.Proxy.Udp;

/// <summary>
/// sendmsg(2) with an IP_PKTINFO / IPV6_PKTINFO control message, which .NET's Socket cannot send: a
/// reply from a socket bound to the wildcard address leaves from the address the client sent to,
/// not from whatever address the routing table picks for the client. A client that connect()ed its
/// UDP socket (most resolvers, for one) accepts only datagrams from the address it connected to.
/// Linux on 64-bit only (the layouts below); elsewhere <see cref="IsSupported"/> is false and the
/// caller sends as before.
/// </summary>
internal static class SourceAddressedSend
{
    private const int IpProtoIp = 0;
    private const int IpPktInfo = 8;
    private const int IpProtoIpv6 = 41;
    private const int Ipv6PktInfo = 50;
    private const int MsgDontWait = 0x40;
    private const int AfInet = 2;
    private const int AfInet6 = 10;

    // struct msghdr (56), struct iovec (16), sockaddr_in6 (28, room for sockaddr_in), cmsghdr (16) + in6_pktinfo (20, padded to 24).
    private const int MsgHdrSize = 56;
    private const int IovecOffset = MsgHdrSize;
    private const int NameOffset = IovecOffset + 16;
    private const int NameSpace = 32;
    private const int ControlOffset = NameOffset + NameSpace;
    private const int CmsgHeaderSize = 16;
    private const int BlockSize = ControlOffset + CmsgHeaderSize + 24;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && IntPtr.Size == 8;

    /// <summary>Sends <paramref name="datagram"/> to <paramref name="to"/> from <paramref name="from"/>; false when the kernel refused (the datagram is then lost, as UDP allows).</summary>
    public static bool TrySend(Socket socket, byte[] datagram, int length, IPEndPoint to, IPAddress from)
    {
        var v6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        if (v6)
        {
            to = new IPEndPoint(to.Address.AddressFamily == AddressFamily.InterNetwork ? to.Address.MapToIPv6() : to.Address, to.Port);
            if (from.AddressFamily == AddressFamily.InterNetwork) from = from.MapToIPv6();
        }
        else if (to.Address.AddressFamily != AddressFamily.InterNetwork || from.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var block = Marshal.AllocHGlobal(BlockSize);
        var pinned = GCHandle.Alloc(datagram, GCHandleType.Pinned);
        var added = false;
        try
        {
            for (var i = 0; i < BlockSize; i += 8) Marshal.WriteInt64(block, i, 0);
            var nameLength = WriteAddress(block + NameOffset, to, v6);
            var controlLength = WritePacketInfo(block + ControlOffset, from, v6);

            Marshal.WriteIntPtr(block, 0, block + NameOffset);              // msg_name
            Marshal.WriteInt32(block, 8, nameLength);                       // msg_namelen
            Marshal.WriteIntPtr(block, 16, block + IovecOffset);            // msg_iov
            Marshal.WriteInt64(block, 24, 1);                               // msg_iovlen
            Marshal.WriteIntPtr(block, 32, block + ControlOffset);          // msg_control
            Marshal.WriteInt64(block, 40, controlLength);                   // msg_controllen
            Marshal.WriteIntPtr(block, IovecOffset, pinned.AddrOfPinnedObject()); // iov_base
            Marshal.WriteInt64(block, IovecOffset + 8, length);            // iov_len

            socket.SafeHandle.DangerousAddRef(ref added);
            return SendMsg(socket.SafeHandle.DangerousGetHandle(), block, MsgDontWait) == length;
        }
        finally
        {
            if (added) socket.SafeHandle.DangerousRelease();
            pinned.Free();
            Marshal.FreeHGlobal(block);
        }
    }

    /// <summary>sockaddr_in (16 bytes) or sockaddr_in6 (28), port and address in network order; its length.</summary>
    private static int WriteAddress(IntPtr at, IPEndPoint to, bool v6)
    {
        Marshal.WriteInt16(at, 0, (short)(v6 ? AfInet6 : AfInet));
        Marshal.WriteByte(at, 2, (byte)(to.Port >> 8));
        Marshal.WriteByte(at, 3, (byte)to.Port);
        var address = to.Address.GetAddressBytes();
        if (!v6)
        {
            Marshal.Copy(address, 0, at + 4, 4);
            return 16;
        }
        Marshal.Copy(address, 0, at + 8, 16);                              // after sin6_flowinfo
        Marshal.WriteInt32(at, 24, (int)to.Address.ScopeId);
        return 28;
    }

    /// <summary>One cmsghdr with in_pktinfo (ipi_spec_dst: the source) or in6_pktinfo (ipi6_addr); CMSG_SPACE of it.</summary>
    private static int WritePacketInfo(IntPtr at, IPAddress from, bool v6)
    {
        var address = from.GetAddressBytes();
        var dataLength = v6 ? 20 : 12;
        Marshal.WriteInt64(at, 0, CmsgHeaderSize + dataLength);           // cmsg_len = CMSG_LEN
        Marshal.WriteInt32(at, 8, v6 ? IpProtoIpv6 : IpProtoIp);
        Marshal.WriteInt32(at, 12, v6 ? Ipv6PktInfo : IpPktInfo);
        if (v6)
            Marshal.Copy(address, 0, at + CmsgHeaderSize, 16);              // ipi6_addr; ipi6_ifindex 0: the routing decides
        else
            Marshal.Copy(address, 0, at + CmsgHeaderSize + 4, 4);           // ipi_spec_dst; ipi_ifindex 0
        return CmsgHeaderSize + (dataLength + 7) / 8 * 8;                   // CMSG_SPACE
    }

    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static extern long SendMsg(IntPtr fd, IntPtr message, int flags);
}
