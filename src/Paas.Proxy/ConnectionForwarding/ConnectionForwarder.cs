using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Paas.Proxy.AccessLog;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// The connection forwarder (PAAS_ROUTER_FORWARDER=connection): a Kestrel connection middleware on
/// the plain-http listeners that reads HTTP/1.1 requests from the client's connection itself and
/// forwards them over pooled keep-alive backend connections, with no HttpContext, no request
/// pipeline and no HttpClient per request (<see cref="ClientSession"/>). What it does not take on
/// — upgrades, 100-continue, HTTP/1.0, malformed or ambiguous requests, hosts it has no plain
/// route for — it hands to Kestrel's HTTP layer on the same connection (<see cref="HandOver"/>),
/// where YARP and our middleware answer it exactly as in yarp mode. https listeners keep YARP.
/// </summary>
internal sealed class ConnectionForwarder(ConnectionRoutes routes, AccessLogWriter accessLog, Watchdog watchdog, ILogger<ConnectionForwarder> logger)
{
    public void AddTo(ListenOptions listen) => listen.Use(kestrel => connection => RunAsync(connection, kestrel));

    private async Task RunAsync(ConnectionContext connection, ConnectionDelegate kestrel)
    {
        if (connection.LocalEndPoint is not IPEndPoint local || connection.RemoteEndPoint is not IPEndPoint remote)
        {
            await kestrel(connection);
            return;
        }
        var session = new ClientSession(connection, local.Port, remote.Address, routes, accessLog, watchdog, logger);
        await session.RunAsync(kestrel);
    }
}
