using System.Net;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Core.Routing;
using Paas.Testing;

namespace Paas.Api.Tests;

[Collection(PaasdCollection.Name)]
public sealed class AppsApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task Create_ThenList_ShowsTheAppWithTheDefaultPortMapping()
    {
        using var client = paasd.SocketClient();
        var name = Api.UniqueApp();

        var created = await (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(name))).ReadAsync<App>();
        var apps = await (await client.GetAsync(ApiRoutes.Apps)).ReadAsync<List<App>>();
        var report = await (await client.GetAsync(ApiRoutes.App(name))).ReadAsync<AppReport>();

        Assert.Equal(name, created.Name);
        Assert.Contains(apps, a => a.Name == name);
        Assert.Equal([new PortMapping("http", 80, 5000)], report.Ports);
        Assert.Null(report.CurrentRelease);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("9starts-with-digit")]
    [InlineData("has_underscore")]
    [InlineData("")]
    [InlineData("a-name-that-is-far-too-long-for-a-hostname-label-of-sixty-three-chars")]
    public async Task Create_IsRejected_WhenTheNameBreaksTheRule(string name)
    {
        using var client = paasd.SocketClient();

        var problem = await (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(name))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(AppName.Rule, problem.Detail());
    }

    [Fact]
    public async Task Create_Returns409_WhenTheNameIsTaken()
    {
        using var client = paasd.SocketClient();
        var name = Api.UniqueApp();
        await client.CreateAppAsync(name);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(name))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(name, problem.Detail());
    }

    [Fact]
    public async Task ConcurrentCreates_OfOneName_ExactlyOneSucceeds()
    {
        var name = Api.UniqueApp();
        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = paasd.SocketClient();
            return (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(name))).StatusCode;
        });

        var statuses = await Task.WhenAll(attempts);

        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
    }

    [Fact]
    public async Task UnknownApp_Returns404_NamingIt()
    {
        using var client = paasd.SocketClient();

        var problem = await (await client.GetAsync(ApiRoutes.App("no-such-app"))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("'no-such-app'", problem.Detail());
    }

    [Fact]
    public async Task Rename_MovesTheAppAndItsConfig()
    {
        using var client = paasd.SocketClient();
        var name = Api.UniqueApp();
        var newName = Api.UniqueApp("renamed");
        await client.CreateAppAsync(name);
        await (await client.PatchJsonAsync(ApiRoutes.Config(name), new ConfigChangeRequest(new Dictionary<string, string> { ["K"] = "v" }, null))).ReadAsync<ConfigChangeResult>();

        var renamed = await (await client.PostJsonAsync(ApiRoutes.Rename(name), new RenameAppRequest(newName))).ReadAsync<App>();

        Assert.Equal(newName, renamed.Name);
        await (await client.GetAsync(ApiRoutes.App(name))).ProblemAsync(HttpStatusCode.NotFound);
        var value = await (await client.GetAsync(ApiRoutes.ConfigKey(newName, "K"))).ReadAsync<ConfigValue>();
        Assert.Equal("v", value.Value);
    }

    [Fact]
    public async Task Rename_Returns409_WhenTheNewNameIsTaken()
    {
        using var client = paasd.SocketClient();
        var first = Api.UniqueApp();
        var second = Api.UniqueApp();
        await client.CreateAppAsync(first);
        await client.CreateAppAsync(second);

        await (await client.PostJsonAsync(ApiRoutes.Rename(first), new RenameAppRequest(second))).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.GetAsync(ApiRoutes.App(first))).ReadAsync<AppReport>();
    }

    [Fact]
    public async Task LockAndUnlock_AreShownInTheReport()
    {
        using var client = paasd.SocketClient();
        var name = Api.UniqueApp();
        await client.CreateAppAsync(name);

        await (await client.PostAsync(ApiRoutes.Lock(name), null)).ReadAsync<App>();
        var locked = await (await client.GetAsync(ApiRoutes.App(name))).ReadAsync<AppReport>();
        await (await client.PostAsync(ApiRoutes.Unlock(name), null)).ReadAsync<App>();
        var unlocked = await (await client.GetAsync(ApiRoutes.App(name))).ReadAsync<AppReport>();

        Assert.True(locked.Locked);
        Assert.False(unlocked.Locked);
    }

    [Fact]
    public async Task Destroy_RemovesTheApp_AndKeepsItsAuditHistory()
    {
        using var client = paasd.SocketClient();
        var name = Api.UniqueApp();
        await client.CreateAppAsync(name);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(ApiRoutes.App(name))).StatusCode);

        await (await client.GetAsync(ApiRoutes.App(name))).ProblemAsync(HttpStatusCode.NotFound);
        var events = await (await client.GetAsync($"{ApiRoutes.Events}?app={name}")).ReadAsync<List<Paas.Core.Events.AuditEvent>>();
        Assert.Contains(events, e => e.App == name && e.Action == "apps:destroy");
        Assert.Contains(events, e => e.App == name && e.Action == "apps:create");
    }
}
