using Paas.Core.Routing;
using Paas.Proxy.Routing;
using Yarp.ReverseProxy.LoadBalancing;

namespace Paas.Proxy.Tests.Units;

public sealed class ProxyConfigBuilderTests
{
    [Fact]
    public void EachAppAndListenerPort_GetsARouteAndAClusterOfItsBackends()
    {
        var app = new AppRoute(7, "shop", ["shop.paas.test", "shop.example"],
            [new RouteMapping("http", 80, 5000), new RouteMapping("https", 443, 5000), new RouteMapping("tcp", 2222, 22)],
            [new RouteBackend("web.1", "10.77.0.2"), new RouteBackend("web.2", "10.77.0.3")], null, RedirectToHttps: true);

        var config = ProxyConfigBuilder.Build(new RoutingSnapshot(3, DateTimeOffset.UnixEpoch, [], [app]));

        Assert.Equal(["7:80", "7:443"], config.Routes.Select(r => r.RouteId));
        var http = config.Routes[0];
        Assert.Equal(["shop.paas.test", "shop.example"], http.Match.Hosts);
        Assert.Equal("true", http.Transforms!.Single()["RequestHeaderOriginalHost"]);
        Assert.Equal(new AppEndpoint(7, "shop", 80, 443), AppEndpoint.FromRoute(http));
        Assert.Equal(new AppEndpoint(7, "shop", 443, null), AppEndpoint.FromRoute(config.Routes[1]));
        var cluster = config.Clusters.Single(c => c.ClusterId == "7:80");
        Assert.Equal(LoadBalancingPolicies.RoundRobin, cluster.LoadBalancingPolicy);
        Assert.Equal(["http://10.77.0.2:5000/", "http://10.77.0.3:5000/"], cluster.Destinations!.Values.Select(d => d.Address));
        Assert.Equal(System.Net.HttpVersion.Version11, cluster.HttpRequest!.Version);
    }

    [Fact]
    public void AppWithoutHosts_GetsNoRoute_SoItCannotTakeEveryHostsTraffic()
    {
        var app = new AppRoute(8, "nameless", [], [new RouteMapping("http", 80, 5000)], [], null, false);

        var config = ProxyConfigBuilder.Build(new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [], [app]));

        Assert.Empty(config.Routes);
    }

    [Fact]
    public void AppWithoutBackends_GetsAnEmptyCluster()
    {
        var app = new AppRoute(9, "idle", ["idle.paas.test"], [new RouteMapping("http", 80, 5000)], [], null, false);

        var config = ProxyConfigBuilder.Build(new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [], [app]));

        Assert.Empty(config.Clusters.Single().Destinations!);
    }
}
