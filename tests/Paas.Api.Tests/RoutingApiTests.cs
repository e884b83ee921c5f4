using System.Net;
using Paas.Core.Contracts;
using Paas.Core.Routing;
using Paas.Testing;

namespace Paas.Api.Tests;

[Collection(PaasdCollection.Name)]
public sealed class RoutingApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task Domains_AddListRemove()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        var domain = $"{app}.Example.com";
        await client.CreateAppAsync(app);

        var added = await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([domain]))).ReadAsync<List<string>>();
        Assert.Equal([domain.ToLowerInvariant()], added);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(ApiRoutes.Domain(app, domain.ToLowerInvariant()))).StatusCode);
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Domains(app))).ReadAsync<List<string>>());
    }

    [Fact]
    public async Task Domain_OfAnotherApp_Is409_AndBadDomainsAre400Together()
    {
        using var client = paasd.SocketClient();
        var first = Api.UniqueApp();
        var second = Api.UniqueApp();
        await client.CreateAppAsync(first);
        await client.CreateAppAsync(second);
        var domain = $"{first}.example.com";
        await (await client.PostJsonAsync(ApiRoutes.Domains(first), new DomainsRequest([domain]))).ReadAsync<List<string>>();

        var conflict = await (await client.PostJsonAsync(ApiRoutes.Domains(second), new DomainsRequest([domain]))).ProblemAsync(HttpStatusCode.Conflict);
        var invalid = await (await client.PostJsonAsync(ApiRoutes.Domains(second), new DomainsRequest(["bad domain", "-x.com", "ok.com"]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("already used by another app", conflict.Detail());
        Assert.DoesNotContain(first, conflict.Detail().Replace(domain, ""));
        Assert.Equal(2, invalid.GetProperty("errors").GetProperty("domains").GetArrayLength());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Domains(second))).ReadAsync<List<string>>());
    }

    [Fact]
    public async Task Ports_AddAndRemove_InDokkuNotation()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var ports = await (await client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest(["https:443:5000", "http:8080:5000"]))).ReadAsync<List<PortMapping>>();
        Assert.Equal(new HashSet<string> { "http:80:5000", "http:8080:5000", "https:443:5000" }, ports.Select(p => p.ToString()).ToHashSet());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(ApiRoutes.Port(app, "http:80:5000"))).StatusCode);
        var left = await (await client.GetAsync(ApiRoutes.Ports(app))).ReadAsync<List<PortMapping>>();
        Assert.DoesNotContain(PortMapping.Default, left);
    }

    [Fact]
    public async Task TcpHostPort_CannotBeSharedBetweenApps()
    {
        using var client = paasd.SocketClient();
        var first = Api.UniqueApp();
        var second = Api.UniqueApp();
        await client.CreateAppAsync(first);
        await client.CreateAppAsync(second);
        var port = Random.Shared.Next(20000, 30000);
        await (await client.PostJsonAsync(ApiRoutes.Ports(first), new PortsRequest([$"tcp:{port}:6379"]))).ReadAsync<List<PortMapping>>();

        var problem = await (await client.PostJsonAsync(ApiRoutes.Ports(second), new PortsRequest([$"tcp:{port}:6379"]))).ProblemAsync(HttpStatusCode.Conflict);

        // The owner is not named: the caller may be a developer who cannot see that app.
        Assert.Contains($"port tcp:{port} is already used by another app", problem.Detail());
        Assert.DoesNotContain(first, problem.Detail());
    }

    [Theory]
    [InlineData("http:80")]
    [InlineData("ftp:21:21")]
    [InlineData("http:0:5000")]
    [InlineData("http:80:70000")]
    [InlineData("http:eighty:5000")]
    public async Task InvalidPortMapping_Is400_SayingTheFormat(string mapping)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest([mapping]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(mapping, problem.Detail());
    }

    [Fact]
    public async Task PortsAdd_OnTheProxysOwnPorts_OverHttp_IsAllowed()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var ports = await (await client.PostJsonAsync(ApiRoutes.Ports(app), new PortsRequest(["https:443:5000"]))).ReadAsync<List<PortMapping>>();

        Assert.Contains(new PortMapping("https", 443, 5000), ports);
    }
}
