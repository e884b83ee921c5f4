using System.Text.Json;
using Paas.Core.Routing;
using Paas.Proxy.Snapshots;

namespace Paas.Proxy.Tests.Units;

public sealed class SnapshotProblemsTests
{
    [Fact]
    public void GoodSnapshot_HasNoProblems()
    {
        var snapshot = new RoutingSnapshot(1, DateTimeOffset.UnixEpoch, [new RouterListener("http", 80)],
            [new AppRoute(1, "a", ["a.paas.test"], [new RouteMapping("http", 80, 5000)], [new RouteBackend("web.1", "10.77.0.2")], null, false)]);

        Assert.Empty(SnapshotProblems.Of(snapshot));
    }

    [Fact]
    public void EveryProblem_IsNamedAtOnce()
    {
        const string json = """
            { "revision": 2, "generatedAt": "2026-01-01T00:00:00Z",
              "listeners": [ { "scheme": "tcp", "port": 70000 }, { "scheme": "http", "port": 80 }, { "scheme": "https", "port": 80 } ],
              "apps": [ { "appId": 1, "app": "a", "hosts": ["a.paas.test"], "mappings": [],
                          "backends": [ { "instance": "web.1", "address": "not-an-ip" } ], "redirectToHttps": false },
                        { "appId": 2, "app": "b", "hosts": ["b.paas.test"] } ] }
            """;
        var snapshot = JsonSerializer.Deserialize<RoutingSnapshot>(json, RoutingSnapshotFile.Json)!;

        var problems = SnapshotProblems.Of(snapshot);

        Assert.Contains(problems, p => p.Contains("scheme 'tcp'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("outside 1-65535", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("port 80 is listed 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'not-an-ip' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("app 'b' (id 2) lacks hosts, mappings or backends", StringComparison.Ordinal));
    }
}
