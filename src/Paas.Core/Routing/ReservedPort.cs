namespace Paas.Core.Routing;

/// <summary>
/// A host port a service of the platform itself listens on (SSH, PostgreSQL, paasd's API, the proxy).
/// An app mapping it would take traffic meant for that service. The proxy's own ports stay open to
/// http/https mappings, which the proxy serves by host name (<see cref="ServedByProxy"/>).
/// </summary>
public sealed record ReservedPort(int Port, string Service, bool ServedByProxy = false)
{
    /// <summary>Null, or why <paramref name="mapping"/> may not use its host port.</summary>
    public static string? Problem(PortMapping mapping, IEnumerable<ReservedPort> reserved)
    {
        foreach (var port in reserved)
        {
            if (port.Port != mapping.HostPort) continue;
            if (port.ServedByProxy && mapping.Scheme is "http" or "https") continue;
            return port.ServedByProxy
                ? $"port mapping '{mapping}': host port {port.Port} is where {port.Service} listens; only http or https mappings may use it (the proxy routes them by host name)"
                : $"port mapping '{mapping}': host port {port.Port} is reserved for {port.Service} on this host: choose another host port";
        }
        return null;
    }
}
