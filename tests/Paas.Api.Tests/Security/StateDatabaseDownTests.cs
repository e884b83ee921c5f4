using System.Diagnostics;
using System.Net;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Issue 8, item 6: with PostgreSQL stopped under a running paasd, every request got a 500 (or hung) and
/// /health over TCP said ok. Now: 503 "state database unavailable" within 5 s on the API and on /health of
/// every listener, and paasd recovers by itself when PostgreSQL is back. The cluster is this test's own.
/// </summary>
public sealed class StateDatabaseDownTests : IAsyncLifetime
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);
    private readonly PaasdFixture _paasd = PaasdFixture.WithPrivateDatabaseServer();

    public Task InitializeAsync() => _paasd.InitializeAsync();

    public async Task DisposeAsync() => await _paasd.DisposeAsync();

    [Fact]
    public async Task PostgresStopped_Is503WithinFiveSeconds_OnEveryListener_ThenRecoversWhenItIsBack()
    {
        using var socket = _paasd.SocketClient();
        var app = Api.UniqueApp();
        await socket.CreateAppAsync(app);
        using var tcp = _paasd.TcpClient(await _paasd.CreateTokenAsync());
        using var anonymous = _paasd.TcpClient();

        await _paasd.DatabaseServer.StopAsync();

        await AssertUnavailableAsync(() => socket.GetAsync(ApiRoutes.App(app)), "apps:report on the unix socket");
        await AssertUnavailableAsync(() => socket.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest(Api.UniqueApp())), "apps:create on the unix socket");
        await AssertUnavailableAsync(() => tcp.GetAsync(ApiRoutes.Apps), "apps:list over TCP with a token");
        var health = await AssertUnavailableAsync(() => socket.GetAsync(ApiRoutes.Health), "/health on the unix socket");
        await AssertUnavailableAsync(() => anonymous.GetAsync(ApiRoutes.Health), "/health over TCP");
        Assert.Contains("cannot connect to PostgreSQL", health.Detail());

        var cli = await _paasd.PaasAsync(["apps:list"]);
        Assert.True(cli.ExitCode == 1, $"exit {cli.ExitCode}: {cli.StandardOutput}{cli.StandardError}");
        Assert.Contains("state database unavailable", cli.StandardError);

        await _paasd.DatabaseServer.StartAgainAsync();

        await WaitForHealthyAsync(anonymous);
        var apps = await (await tcp.GetAsync(ApiRoutes.Apps)).ReadAsync<List<Paas.Core.Apps.App>>();
        Assert.Contains(apps, a => a.Name == app);
        Assert.Equal(HttpStatusCode.OK, (await socket.GetAsync(ApiRoutes.Health)).StatusCode);
    }

    private async Task<System.Text.Json.JsonElement> AssertUnavailableAsync(Func<Task<HttpResponseMessage>> call, string what)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await call().WaitAsync(timeout.Token);
        clock.Stop();

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("state database unavailable", problem.GetProperty("title").GetString());
        Assert.True(clock.Elapsed < Promptly, $"{what} took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.DoesNotContain("Password", problem.Detail(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private async Task WaitForHealthyAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(ApiRoutes.Health);
            if (response.StatusCode == HttpStatusCode.OK) return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20),
                $"paasd did not recover within 20 s of PostgreSQL's restart: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{_paasd.Log}");
            await Task.Delay(200);
        }
    }
}
