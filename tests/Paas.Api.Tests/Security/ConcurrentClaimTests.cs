using System.Net;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Issue 8, item 7: many apps claim one exclusive thing at the same instant. The database decides: exactly one
/// request succeeds, every other one is a 409 that names no app, and exactly one row holds the claim.
/// On the old code (check, then insert; insert ... on conflict do nothing) several of them got 200.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class ConcurrentClaimTests(PaasdFixture paasd)
{
    private const int Writers = 12;

    [Fact]
    public async Task ConcurrentPortsAdd_OfOneTcpHostPort_HaveExactlyOneOwner()
    {
        var apps = await CreateAppsAsync("race-port");
        var port = Random.Shared.Next(30000, 40000);

        var results = await RaceAsync(apps, (client, app) =>
            client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest([$"tcp:{port}:6379"])));

        var owners = await QueryAsync(
            "select a.name from port_mappings p join apps a on a.id = p.app_id where p.host_port = @port", ("port", port));
        await AssertOneWinnerAsync(results, owners, $"port tcp:{port} is already used by another app");
    }

    [Fact]
    public async Task ConcurrentDomainsAdd_OfOneName_HaveExactlyOneOwner_AndNoLoserIsToldOk()
    {
        var apps = await CreateAppsAsync("race-dom");
        var domain = $"race-{Guid.NewGuid():N}.example.com";

        var results = await RaceAsync(apps, (client, app) =>
            client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([domain])));

        var owners = await QueryAsync(
            "select a.name from domains d join apps a on a.id = d.app_id where d.name = @domain", ("domain", domain));
        await AssertOneWinnerAsync(results, owners, $"domain '{domain}' is already used by another app");
    }

    [Fact]
    public async Task ConcurrentClaims_OfOnePort_MixingHttpAndTcp_HaveOneKindOfOwner()
    {
        var apps = await CreateAppsAsync("race-mix");
        var port = Random.Shared.Next(40000, 50000);

        // Half the apps ask for http (shareable), half for tcp (exclusive): either all the http ones win, or one tcp one.
        var results = await RaceAsync(apps, (client, app) =>
            client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest([$"{(apps.IndexOf(app) % 2 == 0 ? "tcp" : "http")}:{port}:5000"])));

        var rows = await QueryAsync(
            "select p.scheme || ' ' || a.name from port_mappings p join apps a on a.id = p.app_id where p.host_port = @port", ("port", port));
        var schemes = rows.Select(r => r.Split(' ')[0]).Distinct().ToList();
        var winners = results.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.App).Order().ToList();
        Assert.Equal(winners, rows.Select(r => r.Split(' ')[1]).Order().ToList());
        Assert.True(schemes is ["http"] || schemes is ["tcp"] && rows.Count == 1, string.Join(", ", rows));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
    }

    private async Task<List<string>> CreateAppsAsync(string prefix)
    {
        using var client = paasd.SocketClient();
        var apps = Enumerable.Range(0, Writers).Select(_ => Api.UniqueApp(prefix)).ToList();
        foreach (var app in apps)
            await client.CreateAppAsync(app);
        return apps;
    }

    private sealed record Result(string App, HttpStatusCode Status, string Body);

    /// <summary>One connection per writer, opened beforehand; all requests leave when the gate opens.</summary>
    private async Task<List<Result>> RaceAsync(List<string> apps, Func<HttpClient, string, Task<HttpResponseMessage>> send)
    {
        var clients = apps.Select(_ => paasd.SocketClient()).ToList();
        try
        {
            foreach (var client in clients)
                (await client.GetAsync(ApiRoutes.Health)).EnsureSuccessStatusCode();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ready = new CountdownEvent(apps.Count);
            var writers = apps.Select((app, i) => Task.Run(async () =>
            {
                ready.Signal();
                await gate.Task;
                using var response = await send(clients[i], app);
                return new Result(app, response.StatusCode, await response.Content.ReadAsStringAsync());
            })).ToList();
            Assert.True(ready.Wait(TimeSpan.FromSeconds(30)), "the writers did not all start");
            gate.SetResult();
            return [.. await Task.WhenAll(writers)];
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static async Task AssertOneWinnerAsync(List<Result> results, IReadOnlyList<string> owners, string loserMessage)
    {
        var summary = string.Join("\n", results.Select(r => $"{r.App}: {(int)r.Status} {r.Body}"));
        var winners = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        Assert.True(winners.Count == 1, $"expected exactly one 200:\n{summary}");
        Assert.Equal([winners[0].App], owners);
        foreach (var loser in results.Where(r => r.Status != HttpStatusCode.OK))
        {
            Assert.True(loser.Status == HttpStatusCode.Conflict, $"expected 409 for {loser.App}:\n{summary}");
            Assert.Contains(loserMessage, loser.Body);
            Assert.DoesNotContain(winners[0].App, loser.Body);
        }
        await Task.CompletedTask;
    }

    private async Task<IReadOnlyList<string>> QueryAsync(string sql, (string Name, object Value) parameter)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
