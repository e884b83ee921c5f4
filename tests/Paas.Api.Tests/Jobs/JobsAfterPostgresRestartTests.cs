using System.Diagnostics;
using System.Net;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Jobs;

/// <summary>
/// Hangfire inside paasd with PostgreSQL stopped under it: paasd stays up, and once the database is
/// back the outbox is handed over and the jobs run (apps:destroy asks for two). The cluster is this test's own.
/// </summary>
public sealed class JobsAfterPostgresRestartTests : IAsyncLifetime
{
    private readonly PaasdFixture _paasd = PaasdFixture.WithPrivateDatabaseServer();

    public Task InitializeAsync() => _paasd.InitializeAsync();

    public async Task DisposeAsync() => await _paasd.DisposeAsync();

    [Fact]
    public async Task JobsRunAgain_OncePostgresIsBack_AndPaasdNeverStopped()
    {
        await _paasd.DatabaseServer.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _paasd.DatabaseServer.StartAgainAsync();

        using var socket = _paasd.SocketClient();
        await EventuallyAsync(async () => (await socket.GetAsync(ApiRoutes.Health)).StatusCode == HttpStatusCode.OK, "paasd is not healthy again");
        var app = Api.UniqueApp("jobs");
        await socket.CreateAppAsync(app);
        Assert.Equal(HttpStatusCode.NoContent, (await socket.DeleteAsync(ApiRoutes.App(app))).StatusCode);

        await EventuallyAsync(async () =>
            await ScalarAsync("select count(*) from job_outbox where dispatched_at is null") == 0
            && await ScalarAsync("select count(*) from hangfire.job where statename = 'Succeeded'") >= 2,
            "the outbox was not handed over, or its jobs did not succeed");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is HttpRequestException or NpgsqlException)
            {
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{what} within 30 s:\n{_paasd.Log}");
            await Task.Delay(200);
        }
    }
}
