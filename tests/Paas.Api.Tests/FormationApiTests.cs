using System.Net.Http.Json;
using System.Net;
using Paas.Core.Contracts;
using Paas.Core.Formation;
using Paas.Testing;

namespace Paas.Api.Tests;

[Collection(PaasdCollection.Name)]
public sealed class FormationApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task Scale_StoresTheDesiredFormation()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        await (await client.PatchJsonAsync(ApiRoutes.Formation(app), new ScaleRequest(new Dictionary<string, int> { ["web"] = 2, ["worker"] = 1 }))).ReadAsync<List<FormationEntry>>();
        var formation = await (await client.PatchJsonAsync(ApiRoutes.Formation(app), new ScaleRequest(new Dictionary<string, int> { ["worker"] = 0 }))).ReadAsync<List<FormationEntry>>();

        Assert.Equal([new FormationEntry("web", 2), new FormationEntry("worker", 0)], formation);
    }

    [Fact]
    public async Task Scale_IsRejected_ForNegativeQuantitiesAndBadTypes()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PatchJsonAsync(ApiRoutes.Formation(app), new ScaleRequest(new Dictionary<string, int> { ["web"] = -1, ["Bad Type"] = 1 })))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, problem.GetProperty("errors").GetProperty("quantities").GetArrayLength());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Formation(app))).ReadAsync<List<FormationEntry>>());
    }

    [Fact]
    public async Task Limits_PerAppAndPerProcessType_MergeWithWhatWasSet()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest(null, "512m", "1", "256"), Paas.Core.Contracts.ApiJson.Options)).ReadAsync<List<LimitsView>>();
        await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest("worker", "1g", null, null), Paas.Core.Contracts.ApiJson.Options)).ReadAsync<List<LimitsView>>();
        var limits = await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest(null, null, "0.5", null), Paas.Core.Contracts.ApiJson.Options)).ReadAsync<List<LimitsView>>();

        Assert.Contains(new LimitsView(null, 512L << 20, 0.5m, 256), limits);
        Assert.Contains(new LimitsView("worker", 1L << 30, null, null), limits);
    }

    [Theory]
    [InlineData("1k", null, null, "memory")]
    [InlineData("-5", null, null, "memory")]
    [InlineData(null, "0", null, "cpu")]
    [InlineData(null, "lots", null, "cpu")]
    [InlineData(null, null, "2", "pids")]
    [InlineData(null, null, null, "memory")]
    public async Task Limits_AreRejected_WhenOutOfRange(string? memory, string? cpu, string? pids, string field)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PutAsJsonAsync(ApiRoutes.Limits(app), new SetLimitsRequest(null, memory, cpu, pids), Paas.Core.Contracts.ApiJson.Options)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Limits(app))).ReadAsync<List<LimitsView>>());
    }
}
