using System.Collections;

namespace Paas.Proxy.Tests.Units;

public sealed class RouterSettingsTests
{
    [Fact]
    public void TcpIdleTimeout_IsTenMinutes_UnlessSetInSeconds()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), RouterSettings.FromEnvironment(new Hashtable()).TcpIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90),
            RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_TCP_IDLE_TIMEOUT"] = "90" }).TcpIdleTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10m")]
    [InlineData("604801")]
    public void TcpIdleTimeout_OutsideOneSecondToAWeek_IsRefusedByName(string value)
    {
        var error = Assert.Throws<RouterSettingsException>(() =>
            RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_TCP_IDLE_TIMEOUT"] = value }));

        Assert.Equal($"PAAS_ROUTER_TCP_IDLE_TIMEOUT='{value}' is not a number of seconds from 1 to 604800", error.Message);
    }

    [Theory]
    [InlineData(null, LeanForwarding.ForwarderKind.Connection)]
    [InlineData("yarp", LeanForwarding.ForwarderKind.Yarp)]
    [InlineData("LEAN", LeanForwarding.ForwarderKind.Lean)]
    [InlineData("connection", LeanForwarding.ForwarderKind.Connection)]
    public void Forwarder_IsConnectionUnlessSet(string? value, LeanForwarding.ForwarderKind expected)
    {
        var environment = value is null ? new Hashtable() : new Hashtable { ["PAAS_ROUTER_FORWARDER"] = value };

        Assert.Equal(expected, RouterSettings.FromEnvironment(environment).Forwarder);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("1")]
    public void Forwarder_Unknown_IsRefusedByName(string value)
    {
        var error = Assert.Throws<RouterSettingsException>(() =>
            RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_FORWARDER"] = value }));

        Assert.Equal($"PAAS_ROUTER_FORWARDER='{value}' is not a forwarder: use connection, lean or yarp", error.Message);
    }

    [Fact]
    public void EpollThreads_AreTwoPerProcessor_UnlessSet()
    {
        Assert.Equal(2 * Environment.ProcessorCount, RouterSettings.FromEnvironment(new Hashtable()).EpollThreads);
        Assert.Equal(3, RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_EPOLL_THREADS"] = "3" }).EpollThreads);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("257")]
    [InlineData("two")]
    public void EpollThreads_OutOfRange_AreRefusedByName(string value)
    {
        var error = Assert.Throws<RouterSettingsException>(() =>
            RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_EPOLL_THREADS"] = value }));

        Assert.Equal($"PAAS_ROUTER_EPOLL_THREADS='{value}' is not a number of threads from 1 to 256", error.Message);
    }

    [Fact]
    public void UdpSessions_IdleAMinute_AndAtMost4096_UnlessSet()
    {
        var defaults = RouterSettings.FromEnvironment(new Hashtable());
        var set = RouterSettings.FromEnvironment(new Hashtable { ["PAAS_ROUTER_UDP_IDLE_TIMEOUT"] = "5", ["PAAS_ROUTER_UDP_MAX_SESSIONS"] = "10" });

        Assert.Equal((TimeSpan.FromSeconds(60), 4096), (defaults.UdpIdleTimeout, defaults.UdpMaxSessions));
        Assert.Equal((TimeSpan.FromSeconds(5), 10), (set.UdpIdleTimeout, set.UdpMaxSessions));
    }

    [Theory]
    [InlineData("PAAS_ROUTER_UDP_IDLE_TIMEOUT", "0", "seconds from 1 to 604800")]
    [InlineData("PAAS_ROUTER_UDP_IDLE_TIMEOUT", "1m", "seconds from 1 to 604800")]
    [InlineData("PAAS_ROUTER_UDP_MAX_SESSIONS", "0", "sessions from 1 to 1000000")]
    [InlineData("PAAS_ROUTER_UDP_MAX_SESSIONS", "2000000", "sessions from 1 to 1000000")]
    public void UdpSettings_OutOfRange_AreRefusedByName(string name, string value, string range)
    {
        var error = Assert.Throws<RouterSettingsException>(() => RouterSettings.FromEnvironment(new Hashtable { [name] = value }));

        Assert.Equal($"{name}='{value}' is not a number of {range}", error.Message);
    }
}
