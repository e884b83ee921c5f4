using System.Net.Http.Json;
using System.Text.Json;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>
/// paasd (the real binary, its own database and root) with the `host` stack as the default stack
/// and the repo's buildpacks installed, plus what the tests ask of it over the API.
/// </summary>
public class PushHost : IAsyncLifetime
{
    public PushHost() : this(new PaasdFixture()) { }

    protected PushHost(PaasdFixture paasd) => Paasd = paasd;

    public PaasdFixture Paasd { get; }

    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Paasd.InitializeAsync();
        using var admin = Paasd.SocketClient();
        using var stack = await admin.PostAsJsonAsync(ApiRoutes.Stacks, new CreateStackRequest("host", "host"), ApiJson.Options);
        Assert.True(stack.IsSuccessStatusCode, await stack.Content.ReadAsStringAsync());
        Token = await Paasd.CreateTokenAsync("pusher");
        // Dokku's default-wait (10 s of uptime before a new container takes over) would add 10 s to every
        // push here; 1 s keeps the check (a process that dies at once fails the deploy) and the suite fast.
        using var checks = await admin.PutAsJsonAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest("default-wait", "1"), ApiJson.Options);
        Assert.True(checks.IsSuccessStatusCode, await checks.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Paasd.DisposeAsync();

    public async Task<string> CreateAppAsync(string prefix)
    {
        var app = $"{prefix}-{Guid.NewGuid():N}"[..20];
        using var admin = Paasd.SocketClient();
        using var response = await admin.PostAsJsonAsync(ApiRoutes.Apps, new CreateAppRequest(app), ApiJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return app;
    }

    /// <summary>The app's remote with the token as the basic-auth password, as a user's git config holds it.</summary>
    public string Remote(string app, string? token = null) =>
        $"http://x:{token ?? Token}@{Paasd.BaseUrl.Authority}{ApiRoutes.GitRepo(app)}";

    public Task<T> GetAsync<T>(string path) => GetAsync<T>(path, Paasd.SocketClient());

    public async Task<IReadOnlyList<BuildView>> BuildsAsync(string app) => await GetAsync<BuildView[]>(ApiRoutes.Builds(app, 50));

    public async Task<IReadOnlyList<ReleaseView>> ReleasesAsync(string app) => await GetAsync<ReleaseView[]>(ApiRoutes.Releases(app));

    public async Task<string> BuildOutputAsync(string app, long id)
    {
        using var admin = Paasd.SocketClient();
        return await admin.GetStringAsync(ApiRoutes.BuildOutput(app, id, follow: false));
    }

    public async Task SetBuildAsync(string app, string key, string? value)
    {
        using var admin = Paasd.SocketClient();
        using var response = await admin.PutAsJsonAsync(ApiRoutes.BuildSettings(app), new SetBuildSettingRequest(key, value), ApiJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<T> GetAsync<T>(string path, HttpClient client)
    {
        using (client)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
            return JsonSerializer.Deserialize<T>(body, ApiJson.Lenient)!;
        }
    }
}
