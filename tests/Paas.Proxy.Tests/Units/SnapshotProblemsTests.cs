using System.Text.Json;
using Paas.Core.Routing;
using Paas.Proxy.Snapshots;

namespace Paas.Proxy.Tests.Units;

public sealed class SnapshotProblemsTests
{
    [Fact]
    public void GoodSnapshot_IsServedWhole()
    {
        var snapshot = new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [new RouterListener("http", 80)],
            [new AppRoute(1, "a", ["a.paas.test"], [new RouteMapping("http", 80, 5000)], [new RouteBackend("web.1", "10.77.0.2")], null, false)]);

        var check = SnapshotProblems.Check(snapshot);

        Assert.Empty(check.LeftOut);
        Assert.Equal(snapshot.Listeners, check.Usable.Listeners);
        Assert.Equal(snapshot.Apps[0].Backends, check.Usable.Apps[0].Backends);
    }

    [Fact]
    public void SnapshotWithoutItsLists_IsUnusable()
    {
        var snapshot = JsonSerializer.Deserialize<RoutingSnapshot>("""{ "revision": 3 }""", RoutingSnapshotFile.Json)!;

        var error = Assert.Throws<InvalidDataException>(() => SnapshotProblems.Check(snapshot));

        Assert.Equal("'listeners' is missing; 'apps' is missing", error.Message);
    }

    [Fact]
    public void BadParts_AreLeftOut_AndTheRestIsServed()
    {
        const string json = """
            { "revision": 2, "generatedAt": "2026-01-01T00:00:00Z",
              "listeners": [ { "scheme": "sctp", "port": 2222 }, { "scheme": "http", "port": 80 }, { "scheme": "https", "port": 80 } ],
              "apps": [ { "appId": 1, "app": "a", "hosts": ["a.paas.test"], "mappings": [ { "scheme": "http", "listenPort": 80, "containerPort": 5000 } ],
                          "backends": [ { "instance": "web.1", "address": "not-an-ip" }, { "instance": "web.2", "address": "10.77.0.3" } ],
                          "redirectToHttps": false },
                        { "appId": 2, "app": "b", "hosts": ["b.paas.test"] } ] }
            """;
        var snapshot = JsonSerializer.Deserialize<RoutingSnapshot>(json, RoutingSnapshotFile.Json)!;

        var check = SnapshotProblems.Check(snapshot);

        Assert.Equal([new RouterListener("http", 80)], check.Usable.Listeners);
        var app = Assert.Single(check.Usable.Apps);
        Assert.Equal(["web.2"], app.Backends.Select(b => b.Instance));
        Assert.Equal(4, check.LeftOut.Count);
        Assert.Contains(check.LeftOut, p => p.StartsWith("listener sctp:2222", StringComparison.Ordinal));
        Assert.Contains(check.LeftOut, p => p.Contains("port 80 is already http", StringComparison.Ordinal));
        Assert.Contains(check.LeftOut, p => p.Contains("'not-an-ip' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(check.LeftOut, p => p.StartsWith("app 'b' (id 2): it lacks hosts", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondAppsTcpMappingOnAPort_IsLeftOut_AndTheFirstAppKeepsThePort()
    {
        var snapshot = new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [new RouterListener("tcp", 7000)],
        [
            new AppRoute(1, "owner", ["owner.paas.test"], [new RouteMapping("tcp", 7000, 5000)], [new RouteBackend("web.1", "10.77.0.2")], null, false),
            new AppRoute(2, "intruder", ["intruder.paas.test"], [new RouteMapping("http", 80, 5000), new RouteMapping("tcp", 7000, 5000)],
                [new RouteBackend("web.1", "10.77.0.3")], null, false),
        ]);

        var check = SnapshotProblems.Check(snapshot);

        Assert.Equal(["app 'intruder' (id 2): its tcp mapping on port 7000, which forwards to app 'owner' (id 1) already"], check.LeftOut);
        Assert.Equal([new RouterListener("tcp", 7000)], check.Usable.Listeners);
        Assert.Equal([new RouteMapping("tcp", 7000, 5000)], check.Usable.Apps[0].Mappings);
        Assert.Equal([new RouteMapping("http", 80, 5000)], check.Usable.Apps[1].Mappings);
    }

    [Fact]
    public void AUdpPort_SharesItsNumberWithATcpOne_ButNotWithASecondApp()
    {
        var snapshot = new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [new RouterListener("tcp", 7000), new RouterListener("udp", 7000)],
        [
            new AppRoute(1, "owner", ["owner.paas.test"], [new RouteMapping("tcp", 7000, 5000), new RouteMapping("udp", 7000, 53)],
                [new RouteBackend("web.1", "10.77.0.2")], null, false),
            new AppRoute(2, "intruder", ["intruder.paas.test"], [new RouteMapping("udp", 7000, 53)], [new RouteBackend("web.1", "10.77.0.3")], null, false),
        ]);

        var check = SnapshotProblems.Check(snapshot);

        Assert.Equal(["app 'intruder' (id 2): its udp mapping on port 7000, which forwards to app 'owner' (id 1) already"], check.LeftOut);
        Assert.Equal(snapshot.Listeners, check.Usable.Listeners);
        Assert.Equal(2, check.Usable.Apps[0].Mappings.Count);
        Assert.Empty(check.Usable.Apps[1].Mappings);
    }
}
