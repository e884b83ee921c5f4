using System.Net;
using Paas.Core.Networking;
using Paas.Runtime.Network;

namespace Paas.Runtime.Tests.Security;

/// <summary>The nft script is built from validated values only; app names and ids never reach it.</summary>
public sealed class FirewallRulesTests
{
    private static readonly NetworkSettings Settings = new("paas0", "10.213.0.0/16");

    [Fact]
    public void Groups_BecomeNumberedSets_AndTheirNamesNeverReachTheScript()
    {
        const string hostile = "app\"; flush ruleset; #";
        var script = BridgeFirewallRules.Script(Settings,
        [
            new FirewallMember(hostile, IPAddress.Parse("10.213.0.5")),
            new FirewallMember(hostile, IPAddress.Parse("10.213.0.6")),
            new FirewallMember("app-id:b", IPAddress.Parse("10.213.0.7")),
        ]);

        Assert.DoesNotContain("flush", script);
        Assert.DoesNotContain("app-id:b", script);
        Assert.Contains("set app0 { type ipv4_addr; elements = { 10.213.0.5, 10.213.0.6 } }", script);
        Assert.Contains("set app1 { type ipv4_addr; elements = { 10.213.0.7 } }", script);
        Assert.Contains("10.213.0.5 : jump app0, 10.213.0.6 : jump app0, 10.213.0.7 : jump app1", script);
        Assert.StartsWith("table inet paas-paas0\ndelete table inet paas-paas0\ntable inet paas-paas0 {", script);
    }

    [Fact]
    public void InvalidSettings_AreRefusedBeforeAScriptIsMade()
    {
        Assert.Throws<InvalidNetworkSettingsException>(() =>
            BridgeFirewallRules.Script(new NetworkSettings("br\"0; flush ruleset", "10.213.0.0/16"), []));
    }

    [Fact]
    public async Task TheScript_PassesNftsCheck_WithNoContainers_AndWithSeveralGroups()
    {
        Assert.True(Environment.UserName == "root", "nft -c needs root");
        var settings = new NetworkSettings("pf" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..6].ToLowerInvariant(), "10.213.0.0/24");
        var dir = Directory.CreateTempSubdirectory("paas-nft-check-").FullName;
        try
        {
            var empty = Path.Combine(dir, "empty.nft");
            var groups = Path.Combine(dir, "groups.nft");
            await File.WriteAllTextAsync(empty, BridgeFirewallRules.Script(settings, []));
            await File.WriteAllTextAsync(groups, BridgeFirewallRules.Script(settings,
                [new("a", IPAddress.Parse("10.213.0.2")), new("b", IPAddress.Parse("10.213.0.3")), new("a", IPAddress.Parse("10.213.0.4"))]));

            // -c: checked by the kernel in a transaction that is never committed.
            await Network.HostTool.OutputOfAsync("nft", "-c", "-f", empty);
            await Network.HostTool.OutputOfAsync("nft", "-c", "-f", groups);
            Assert.NotEqual(0, (await Network.HostTool.RunAsync("nft", "list", "table", "inet", BridgeFirewallRules.TableName(settings.BridgeName))).ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
