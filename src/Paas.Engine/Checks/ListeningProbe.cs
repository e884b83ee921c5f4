using System.Net;
using System.Net.Sockets;
using Paas.Core.Checks;

namespace Paas.Engine.Checks;

/// <summary>
/// <c>listening: true</c>: a TCP connection to the container's port succeeds within the check's
/// timeout. (Dokku looks for a 0.0.0.0 listener with netstat inside the container; connecting from
/// the host is what the router will do, and needs no tools in the image.)
/// </summary>
internal static class ListeningProbe
{
    public static async Task<ProbeResult> TryAsync(HealthCheck check, CheckTarget target, CancellationToken ct)
    {
        var port = check.Port ?? target.Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(check.Timeout);
        using var socket = new Socket(target.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target.Address, port), timeout.Token);
            return ProbeResult.Pass;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Fail($"no connection to port {port} within {HealthCheck.Seconds(check.Timeout)}");
        }
        catch (SocketException e)
        {
            return ProbeResult.Fail($"nothing accepts connections on port {port} ({ProbeErrors.Describe(e)})");
        }
    }
}
