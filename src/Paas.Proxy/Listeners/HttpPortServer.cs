using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Paas.Proxy.Listeners;

/// <summary>An http or https listener port: a Kestrel server of its own, running the router's request pipeline.</summary>
internal sealed class HttpPortServer(KestrelServer server, Func<KestrelServer, CancellationToken, Task> start) : IPortServer
{
    public Task StartAsync(CancellationToken ct) => start(server, ct);

    public Task StopAsync(CancellationToken ct) => server.StopAsync(ct);

    public void Dispose() => server.Dispose();
}
