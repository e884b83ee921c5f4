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
}
