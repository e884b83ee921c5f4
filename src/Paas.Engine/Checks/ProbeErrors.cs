using System.Net.Http;
using System.Net.Sockets;

namespace Paas.Engine.Checks;

/// <summary>Network failures in the few words an attempt line has room for.</summary>
internal static class ProbeErrors
{
    public static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SocketException socket)
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the container's address is unreachable",
                    SocketError.TimedOut => "connection timed out",
                    _ => socket.Message,
                };
        return e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
            ? "the connection closed before a response"
            : e.Message;
    }
}
