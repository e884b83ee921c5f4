namespace Paas.Proxy.LeanForwarding;

/// <summary>What forwards HTTP/1.x requests to the backends (PAAS_ROUTER_FORWARDER).</summary>
public enum ForwarderKind
{
    /// <summary>YARP's forwarder over SocketsHttpHandler, for every request.</summary>
    Yarp,

    /// <summary><see cref="LeanForwarder"/> for HTTP/1.x requests; YARP for upgrades, HTTP/2 and CONNECT.</summary>
    Lean,

    /// <summary>ConnectionForwarding.ConnectionForwarder on the http listeners, reading requests off the connection itself; YARP for what it hands over and for https.</summary>
    Connection,
}
