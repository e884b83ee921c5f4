using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Core.Events;
using Paas.Core.Routing;
using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

[Collection(PaasdCollection.Name)]
public sealed class RoutingAndFormationTests(PaasdFixture paasd)
{
    private readonly PaasdCli _cli = new(paasd);

    [Fact]
    public async Task Domains_AddListRemove()
    {
        var app = await _cli.CreateAppAsync();

        var add = await _cli.RunInProcessAsync("domains:add", app, $"{app}.example.com", $"www.{app}.example.com");
        var remove = await _cli.RunInProcessAsync("domains:remove", app, $"www.{app}.example.com");
        var list = await _cli.RunInProcessAsync("domains:list", app, "--format", "json");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal([$"{app}.example.com"], JsonSerializer.Deserialize<string[]>(list.Stdout, ApiJson.Lenient)!);
    }

    [Fact]
    public async Task Ports_AddListRemove_InSchemeHostContainerForm()
    {
        var app = await _cli.CreateAppAsync();

        var add = await _cli.RunInProcessAsync("ports:add", app, "https:443:5000");
        var remove = await _cli.RunInProcessAsync("ports:remove", app, "HTTP:80:5000");
        var list = await _cli.RunInProcessAsync("ports:list", app, "--format", "json");
        var text = await _cli.RunInProcessAsync("ports:list", app);

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var mappings = JsonSerializer.Deserialize<PortMapping[]>(list.Stdout, ApiJson.Lenient)!;
        Assert.Equal(["https:443:5000"], mappings.Select(m => m.ToString()));
        Assert.Matches(@"\n\s+https\s+443\s+5000\n", text.Stdout);
    }

    [Fact]
    public async Task Ports_InvalidMapping_ExitsOne_SayingHowToWriteIt()
    {
        var app = await _cli.CreateAppAsync();

        var add = await _cli.RunInProcessAsync("ports:add", app, "http:80");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("scheme:host:container", add.Stderr);
    }

    [Fact]
    public async Task PsScale_SetsTheFormation_AndShowsItWithoutPairs()
    {
        var app = await _cli.CreateAppAsync();

        var scale = await _cli.RunInProcessAsync("ps:scale", app, "web=2", "worker=1");
        var show = await _cli.RunInProcessAsync("ps:scale", app);

        Assert.True(scale.ExitCode == 0, scale.ToString());
        Assert.Contains("       web: 2\n", show.Stdout);
        Assert.Contains("       worker: 1\n", show.Stdout);
    }

    [Fact]
    public async Task ResourceLimit_SetsAndShowsLimits()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("resource:limit", app, "--memory", "256m", "--cpu", "0.5", "--pids", "128");
        var setWeb = await _cli.RunInProcessAsync("resource:limit", app, "--memory", "1g", "--process-type", "web");
        var show = await _cli.RunInProcessAsync("resource:limit", app);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.True(setWeb.ExitCode == 0, setWeb.ToString());
        Assert.Matches(@"\(app\)\s+256m\s+0\.5\s+128\n", show.Stdout);
        Assert.Matches(@"web\s+1g\s+-\s+-\n", show.Stdout);
    }

    [Fact]
    public async Task ResourceLimit_BadMemory_ExitsOne_SayingHowToWriteIt()
    {
        var app = await _cli.CreateAppAsync();

        var set = await _cli.RunInProcessAsync("resource:limit", app, "--memory", "lots");

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("memory 'lots'", set.Stderr);
    }

    [Fact]
    public async Task Releases_OfANewApp_AreEmpty()
    {
        var app = await _cli.CreateAppAsync();

        var text = await _cli.RunInProcessAsync("releases", app);
        var json = await _cli.RunInProcessAsync("releases", app, "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith($"=====> {app} releases\n", text.Stdout);
        Assert.Empty(JsonSerializer.Deserialize<ReleaseView[]>(json.Stdout, ApiJson.Lenient)!);
    }

    [Fact]
    public async Task Events_ForAnApp_ListItsActions_WithoutConfigValues()
    {
        var app = await _cli.CreateAppAsync();
        await _cli.RunInProcessAsync("config:set", app, "SECRET=hunter2-value");

        var json = await _cli.RunInProcessAsync("events", "--app", app, "-n", "10", "--format", "json");
        var text = await _cli.RunInProcessAsync("events", "--app", app);

        Assert.True(json.ExitCode == 0, json.ToString());
        var events = JsonSerializer.Deserialize<AuditEvent[]>(json.Stdout, ApiJson.Lenient)!;
        Assert.Contains(events, e => e.Action == "apps:create" && e.App == app);
        Assert.DoesNotContain("hunter2-value", json.Stdout);
        Assert.Contains("apps:create", text.Stdout);
    }
}
