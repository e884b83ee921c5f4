using System.Net;
using System.Net.Sockets;
using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>
/// portmap DNATs a host port silently, even when a host process (paas-router on :80, sshd,
/// PostgreSQL) listens on it, and would steal that process's traffic. Binding the port for a
/// moment tells whether something holds it.
/// </summary>
internal static class HostPortProbe
{
    public static bool IsInUse(PortBinding binding)
    {
        var address = binding.HostIp.Length == 0 ? IPAddress.Any : IPAddress.Parse(binding.HostIp);
        var type = binding.Protocol == "udp" ? SocketType.Dgram : SocketType.Stream;
        var protocol = binding.Protocol == "udp" ? ProtocolType.Udp : ProtocolType.Tcp;
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            socket.Bind(new IPEndPoint(address, binding.HostPort));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            // A host IP this machine doesn't have: portmap would never match it either; let it through as configured.
            return false;
        }
    }
}
