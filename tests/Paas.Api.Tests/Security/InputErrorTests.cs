using System.Net;
using System.Net.Http.Json;
using System.Text;
using Paas.Core.Contracts;
using Paas.Core.Formation;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Issue 8, item 6: input that paasd answered with a 500 (an exception, or PostgreSQL refusing the row)
/// is a 400 problem+json naming the field, and nothing is stored; the CLI exits 1 with the message.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class InputErrorTests(PaasdFixture paasd)
{
    [Fact]
    public async Task ResourceLimit_WithAMemoryTooLargeForAnyNumber_Is400OnMemory()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest(null, "99999999999999999999999999t", null, null), ApiJson.Options))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("too large", problem.GetProperty("errors").GetProperty("memory")[0].GetString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Limits(app))).ReadAsync<List<LimitsView>>());
    }

    [Fact]
    public async Task ResourceLimit_FromTheCli_ExitsOne_SayingMemoryIsTooLarge()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var result = await paasd.PaasAsync(["resource:limit", app, "--memory", "99999999999999999999999999t"]);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        Assert.Contains("memory '99999999999999999999999999t' is too large", result.StandardError);
    }

    [Fact]
    public async Task ResourceLimit_WithPidsBeyondTheKernelsLimit_Is400OnPids_NotAContainerThatCannotStart()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest(null, null, null, "4194305"), ApiJson.Options))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("pids", out _), problem.ToString());
    }

    [Fact]
    public async Task ConfigSet_WithATenThousandCharacterKey_Is400_AndStoresNothing()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        var key = new string('K', 10_000);

        var problem = await (await client.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(new Dictionary<string, string> { [key] = "v", ["OK"] = "1" }, null)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("at most 256", problem.GetProperty("errors").GetProperty("set")[0].GetString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Config(app))).ReadAsync<Dictionary<string, string>>());
    }

    [Fact]
    public async Task ConfigGetAndUnset_WithAKeyOverTheLimit_Are400()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        // In the path a key of 10,000 characters makes the request line too long (Kestrel's 414); 300 still fits.
        var get = await (await client.GetAsync(ApiRoutes.ConfigKey(app, new string('K', 300)))).ProblemAsync(HttpStatusCode.BadRequest);
        var unset = await (await client.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(null, [new string('K', 10_000)])))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("at most 256", get.Detail());
        Assert.Contains("at most 256", unset.Detail());
    }

    [Fact]
    public async Task ConfigSet_WithAValueOverTheKernelsLimit_Is400NamingTheKey()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(new Dictionary<string, string> { ["BLOB"] = new string('x', 128 * 1024) }, null)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("config value of 'BLOB' is too large", problem.GetProperty("errors").GetProperty("set")[0].GetString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Config(app))).ReadAsync<Dictionary<string, string>>());
    }

    [Fact]
    public async Task ConfigSet_BeyondTheTotalPerApp_Is400_AndKeepsWhatWasThere()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        var value = new string('x', 120 * 1024);
        await (await client.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(
            Enumerable.Range(0, 8).ToDictionary(i => $"PART{i}", _ => value), null))).ReadAsync<ConfigChangeResult>();

        var problem = await (await client.PatchJsonAsync(ApiRoutes.Config(app), new ConfigChangeRequest(
            new Dictionary<string, string> { ["PART8"] = value, ["PART9"] = value }, null))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("PAAS_MAX_CONFIG_BYTES", problem.Detail());
        Assert.Equal(8, (await (await client.GetAsync(ApiRoutes.Config(app))).ReadAsync<Dictionary<string, string>>()).Count);
    }

    [Fact]
    public async Task Scale_BeyondTheTotalPerApp_Is400_AndKeepsTheFormation()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        await (await client.PatchJsonAsync(ApiRoutes.Formation(app), new ScaleRequest(
            new Dictionary<string, int> { ["web"] = 100, ["a"] = 100, ["b"] = 100, ["c"] = 100 }))).ReadAsync<List<FormationEntry>>();

        var problem = await (await client.PatchJsonAsync(ApiRoutes.Formation(app), new ScaleRequest(
            new Dictionary<string, int> { ["d"] = 100, ["e"] = 1 }))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("501 containers", problem.Detail());
        Assert.Equal(400, (await (await client.GetAsync(ApiRoutes.Formation(app))).ReadAsync<List<FormationEntry>>()).Sum(f => f.Quantity));
    }

    [Fact]
    public async Task DomainsAdd_WithAThousandNames_Is400_AndAddsNone()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest(
            Enumerable.Range(0, 1000).Select(i => $"d{i}.{app}.example.com").ToList()))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("at most 100", problem.Detail());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Domains(app))).ReadAsync<List<string>>());
    }

    [Fact]
    public async Task ARequestBodyOverTheLimit_IsRefusedAs413()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        // paasd answers before the body is sent (the client would otherwise write into a closed connection).
        client.DefaultRequestHeaders.ExpectContinue = true;
        // The limit is 6 x PAAS_MAX_CONFIG_BYTES + 64 KiB (about 6 MiB with the default 1 MiB).
        var body = new StringBuilder("{\"set\":{\"A\":\"").Append('x', 7 * 1024 * 1024).Append("\"}}").ToString();

        using var response = await client.SendRawAsync(HttpMethod.Patch, ApiRoutes.Config(app), body);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Config(app))).ReadAsync<Dictionary<string, string>>());
    }
}
