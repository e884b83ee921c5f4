using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Paas.Api.Auth;

/// <summary>Which listener a request came in on: the local unix socket (root/paas group only) or TCP.</summary>
public static class Listener
{
    /// <summary>Kestrel gives unix-socket connections no IP addresses; every TCP connection has them.</summary>
    public static bool IsUnixSocket(HttpContext context) =>
        context.Features.Get<IConnectionEndPointFeature>() is { } endPoints
            ? endPoints.LocalEndPoint is UnixDomainSocketEndPoint
            : context.Features.Get<IHttpConnectionFeature>() is { LocalIpAddress: null };
}
