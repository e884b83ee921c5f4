using System.Net;
using Npgsql;
using Paas.Push.Tests.Deploys;
using Paas.Testing;

namespace Paas.Push.Tests.Jobs;

/// <summary>
/// /hangfire while Hangfire's schema is being installed (in the background after paasd starts):
/// 503 with Retry-After for an administrator, never a 500, and the dashboard once it is installed.
/// The install is held back by a lock this test takes on Hangfire's schema table before paasd
/// starts again, so the window is as long as the test needs, not half a second.
/// </summary>
public sealed class JobsDashboardTests : IAsyncLifetime
{
    private readonly PaasdFixture _paasd = new();

    public Task InitializeAsync() => _paasd.InitializeAsync();

    public Task DisposeAsync() => _paasd.DisposeAsync();

    [Fact]
    public async Task BeforeHangfiresSchemaIsInstalled_TheDashboardAnswers503WithRetryAfter_ThenServes()
    {
        using var admin = _paasd.SocketClient();
        await DeployHost.EventuallyAsync(async () => (await admin.GetAsync("/hangfire")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), () => Task.FromResult("the jobs dashboard never answered 200:\n" + _paasd.Log));
        await using var database = new NpgsqlConnection(_paasd.DatabaseConnectionString);
        await database.OpenAsync();
        await using var holding = await database.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("lock table hangfire.schema in access exclusive mode", database, holding))
            await command.ExecuteNonQueryAsync();

        await _paasd.RestartAsync();
        using var waiting = await admin.GetAsync("/hangfire/recurring");
        using var anonymous = _paasd.TcpClient();
        using var refused = await anonymous.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), waiting.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", waiting.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hangfire's schema is still being installed", await waiting.Content.ReadAsStringAsync());
        // Whether the schema is there is for administrators to know: others are refused as ever.
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, refused.StatusCode.ToString());

        await holding.CommitAsync();
        await DeployHost.EventuallyAsync(async () => (await admin.GetAsync("/hangfire")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), () => Task.FromResult("the jobs dashboard did not answer 200 once the schema was free:\n" + _paasd.Log));
    }
}
