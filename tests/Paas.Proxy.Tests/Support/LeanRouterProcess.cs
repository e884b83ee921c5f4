namespace Paas.Proxy.Tests.Support;

/// <summary>A paas-router forwarding with the lean forwarder (PAAS_ROUTER_FORWARDER=lean).</summary>
public sealed class LeanRouterProcess : RouterProcess
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["PAAS_ROUTER_FORWARDER"] = "lean" };
}

/// <summary>A paas-router forwarding with YARP (PAAS_ROUTER_FORWARDER=yarp), whatever the default is.</summary>
public sealed class YarpRouterProcess : RouterProcess
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["PAAS_ROUTER_FORWARDER"] = "yarp" };
}

/// <summary>A paas-router forwarding with the connection forwarder (PAAS_ROUTER_FORWARDER=connection).</summary>
public sealed class ConnectionRouterProcess : RouterProcess
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["PAAS_ROUTER_FORWARDER"] = "connection" };
}
