namespace Paas.Proxy.Tests.Support;

/// <summary>A router whose tcp connections time out after 2 quiet seconds, so a test can watch one do so.</summary>
public sealed class TcpRouterProcess : RouterProcess
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["PAAS_ROUTER_TCP_IDLE_TIMEOUT"] = "2",
    };
}
