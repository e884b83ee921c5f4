using System.Buffers;
using System.Net.Sockets;

namespace Paas.Proxy.Tcp;

/// <summary>
/// Copies one direction of a relayed connection: what <c>from</c> sends goes to <c>to</c> as it
/// arrives. When <c>from</c> ends its side (FIN), <c>to</c>'s sending side is shut down in turn,
/// so a half-close reaches the other end and the other direction carries on until it ends too.
/// </summary>
internal static class TcpPump
{
    // Per direction: as large as the socket buffers' usual share, small enough for many connections.
    private const int BufferSize = 16 * 1024;

    /// <summary>Returns when <paramref name="from"/> has finished sending; throws when either socket fails or is aborted.</summary>
    public static async Task CopyAsync(Socket from, Socket to, TcpTraffic traffic, bool toApp, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None, ct);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                for (var sent = 0; sent < read;)
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, ct);
                traffic.Carried(toApp, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
