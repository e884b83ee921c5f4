using System.Net;
using Paas.Core.Contracts;
using Paas.Core.Routing;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Issue 8, item 8: an app must not claim host names that mean this machine or belong to other apps,
/// nor host ports the platform's own services listen on. The fixture's paasd runs with PAAS_DOMAIN=paas.test.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class HijackingNamesTests(PaasdFixture paasd)
{
    private const string PlatformDomain = "paas.test";

    [Theory]
    [InlineData("127.0.0.1", "IP address")]
    [InlineData("127.1", "IP address")]
    [InlineData("0x7f.1", "IP address")]
    [InlineData("2130706433", "IP address")]
    [InlineData("::1", "IP address")]
    [InlineData("[::1]", "IP address")]
    [InlineData("localhost", "localhost")]
    [InlineData("*.localhost", "localhost")]
    [InlineData("admin.localhost", "localhost")]
    [InlineData(PlatformDomain, "platform domain")]
    [InlineData("*." + PlatformDomain, "platform domain")]
    [InlineData("victim." + PlatformDomain, "platform domain")]
    public async Task DomainsAdd_OfAHijackingName_Is400NamingWhy_AndAddsNothing(string domain, string why)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([domain]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(why, problem.GetProperty("errors").GetProperty("domains")[0].GetString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Domains(app))).ReadAsync<List<string>>());
    }

    [Fact]
    public async Task DomainsAdd_OfAnotherAppsPlatformName_Is400_ButTheAppsOwnIsAllowed()
    {
        using var client = paasd.SocketClient();
        var victim = Api.UniqueApp("victim");
        var attacker = Api.UniqueApp("attacker");
        await client.CreateAppAsync(victim);
        await client.CreateAppAsync(attacker);

        await (await client.PostJsonAsync(ApiRoutes.Domains(attacker), new DomainsRequest([$"{victim}.{PlatformDomain}"]))).ProblemAsync(HttpStatusCode.BadRequest);
        var own = await (await client.PostJsonAsync(ApiRoutes.Domains(victim), new DomainsRequest([$"{victim}.{PlatformDomain}"]))).ReadAsync<List<string>>();

        Assert.Equal([$"{victim}.{PlatformDomain}"], own);
    }

    [Fact]
    public async Task AppsRename_DropsTheOldPlatformName_SoANewAppOfThatNameGetsIt()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        var renamed = Api.UniqueApp();
        await client.CreateAppAsync(app);
        await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([$"{app}.{PlatformDomain}", $"{app}.example.com"]))).ReadAsync<List<string>>();

        await (await client.PostJsonAsync(ApiRoutes.Rename(app), new RenameAppRequest(renamed))).ReadAsync<Paas.Core.Apps.App>();
        await client.CreateAppAsync(app);
        var reclaimed = await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([$"{app}.{PlatformDomain}"]))).ReadAsync<List<string>>();

        Assert.Equal([$"{app}.example.com"], await (await client.GetAsync(ApiRoutes.Domains(renamed))).ReadAsync<List<string>>());
        Assert.Equal([$"{app}.{PlatformDomain}"], reclaimed);
    }

    [Theory]
    [InlineData("tcp:22:22", "SSH")]
    [InlineData("http:22:5000", "SSH")]
    [InlineData("tcp:5432:5432", "PostgreSQL")]
    [InlineData("tcp:80:5000", "only http or https")]
    [InlineData("udp:443:5000", "only http or https")]
    public async Task PortsAdd_OfAPlatformServicesPort_Is400NamingThePortAndWhy(string mapping, string why)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest([mapping]))).ProblemAsync(HttpStatusCode.BadRequest);

        var message = problem.GetProperty("errors").GetProperty("mappings")[0].GetString();
        Assert.Contains(why, message);
        Assert.Contains($"host port {mapping.Split(':')[1]}", message);
        Assert.Equal([PortMapping.Default], await (await client.GetAsync(ApiRoutes.Ports(app))).ReadAsync<List<PortMapping>>());
    }

    [Fact]
    public async Task PortsAdd_OfPaasdsOwnApiPort_Is400()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest([$"tcp:{paasd.BaseUrl.Port}:5000"]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("paasd's API", problem.Detail());
    }
}
