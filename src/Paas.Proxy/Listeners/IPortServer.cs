namespace Paas.Proxy.Listeners;

/// <summary>What serves one listener port: Kestrel for http/https (<see cref="HttpPortServer"/>), a relay for tcp (Tcp.TcpPortServer) and udp (Udp.UdpPortServer).</summary>
internal interface IPortServer : IDisposable
{
    /// <summary>Returns once the port is bound and serving; throws when it cannot be bound.</summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>Stops accepting at once and lets what is open finish until <paramref name="ct"/> fires.</summary>
    Task StopAsync(CancellationToken ct);
}
