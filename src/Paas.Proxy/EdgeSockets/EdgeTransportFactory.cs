using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Paas.Proxy.EdgeSockets;

/// <summary>
/// Kestrel's transport for the plain-HTTP ports of the connection forwarder: accepted connections read
/// and write through <see cref="EdgeSocket"/>, so a keep-alive connection waits for its client's next
/// request on epoll's edge, where Kestrel's socket transport first tries a receive that fails with
/// EAGAIN (one system call per request, as the backend leg saved).
/// </summary>
internal sealed class EdgeTransportFactory : IConnectionListenerFactory
{
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not IPEndPoint ip) throw new NotSupportedException($"the edge transport listens on IP addresses only, not {endpoint}");
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            // As Kestrel's own transport: a port in TIME_WAIT from the last run can be bound again at once.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(ip);
            socket.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return ValueTask.FromResult<IConnectionListener>(new EdgeConnectionListener(socket));
    }
}

/// <summary>Accepts on a listening socket (System.Net.Sockets' own wait); each connection goes to an epoll loop.</summary>
internal sealed class EdgeConnectionListener(Socket listener) : IConnectionListener
{
    public EndPoint EndPoint { get; } = listener.LocalEndPoint!;

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException
                                          || e is SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                return null; // unbound
            }
            catch (SocketException)
            {
                continue; // a connection reset before it was accepted, as Kestrel skips it
            }
            try
            {
                return new EdgeConnection(accepted);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                accepted.Dispose();
            }
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        listener.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
