using System.Net;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Log history belongs to the app, not to its name: names are reused after apps:destroy, possibly
/// by another user, and must not inherit what the old app's containers wrote.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class LogOwnershipTests(PaasdFixture paasd) : IAsyncLifetime
{
    private const string Stack = "logs-own-host";
    private AppContainers _containers = null!;

    public async Task InitializeAsync() => _containers = await AppContainers.OnHostStackAsync(paasd, Stack);

    [Fact]
    public async Task ANewAppWithADestroyedAppsName_SeesNoneOfItsLogs_AndTheFilesAreGone()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("reused");
        await client.CreateAppAsync(app);
        var oldId = await _containers.AppIdAsync(app);
        await _containers.RunToEndAsync(app, "web", "echo secret-of-the-old-app");
        Assert.Contains(await LogsApiTests.ReadLinesAsync(client, ApiRoutes.Logs(app, 100, null, follow: false)),
            l => l.Text == "secret-of-the-old-app");
        var oldDir = Path.Combine(paasd.Root, "logs", oldId.ToString());
        Assert.True(Directory.Exists(oldDir), $"no log dir {oldDir}");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(ApiRoutes.App(app))).StatusCode);
        await client.CreateAppAsync(app);

        Assert.Empty(await LogsApiTests.ReadLinesAsync(client, ApiRoutes.Logs(app, 100, null, follow: false)));
        Assert.False(Directory.Exists(oldDir), "the destroyed app's history is still on disk");
        Assert.NotEqual(oldId, await _containers.AppIdAsync(app));
    }

    [Fact]
    public async Task ARenamedApp_KeepsItsLogs_UnderItsNewName()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp("before");
        var renamed = Api.UniqueApp("after");
        await client.CreateAppAsync(app);
        await _containers.RunToEndAsync(app, "web", "echo written-before-rename");

        await (await client.PostJsonAsync(ApiRoutes.Rename(app), new RenameAppRequest(renamed))).ReadAsync<Paas.Core.Apps.App>();

        var lines = await LogsApiTests.ReadLinesAsync(client, ApiRoutes.Logs(renamed, 100, null, follow: false));
        var line = Assert.Single(lines, l => l.Text == "written-before-rename");
        Assert.Equal(renamed, line.App);
    }

    public async Task DisposeAsync() => await _containers.DisposeAsync();
}
