using System.Net;
using Paas.Core.Apps;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

[Collection(PaasdCollection.Name)]
public sealed class AuthenticationTests(PaasdFixture paasd)
{
    [Fact]
    public async Task TcpCall_WithoutAToken_Is401ProblemJson()
    {
        using var client = paasd.TcpClient();

        var response = await client.GetAsync(ApiRoutes.Apps);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("tokens:create", problem.Detail());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer paas_not-a-real-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ' or 1=1 --")]
    public async Task TcpCall_WithAWrongToken_Is401_NeverA500(string header)
    {
        using var client = paasd.TcpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Apps);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TcpCall_WithACreatedToken_Succeeds_UntilTheTokenIsRevoked()
    {
        var name = "rev" + Guid.NewGuid().ToString("N")[..8];
        var token = await paasd.CreateTokenAsync(name);
        using var client = paasd.TcpClient(token);
        using var admin = paasd.SocketClient();

        await (await client.GetAsync(ApiRoutes.Apps)).ReadAsync<List<App>>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.Token(name))).StatusCode);

        await (await client.GetAsync(ApiRoutes.Apps)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_AreListedWithoutTheirSecret_AndTheActorIsRecorded()
    {
        var name = "list" + Guid.NewGuid().ToString("N")[..8];
        var token = await paasd.CreateTokenAsync(name);
        using var client = paasd.TcpClient(token);
        var app = Api.UniqueApp();

        await client.CreateAppAsync(app);
        var response = await client.GetAsync(ApiRoutes.Tokens);
        var raw = await response.Content.ReadAsStringAsync();
        var tokens = await response.ReadAsync<List<TokenView>>();
        var events = await (await client.GetAsync($"{ApiRoutes.Events}?app={app}")).ReadAsync<List<Paas.Core.Events.AuditEvent>>();

        Assert.Contains(tokens, t => t.Name == name && t.LastUsedAt is not null);
        Assert.DoesNotContain(token, raw);
        Assert.Equal("token:" + name, events.Single(e => e.Action == "apps:create").Details["via"]);
    }

    [Fact]
    public async Task CreatingATokenTwiceWithOneName_Is409()
    {
        using var admin = paasd.SocketClient();
        var name = "dup" + Guid.NewGuid().ToString("N")[..8];
        await paasd.CreateTokenAsync(name);

        await (await admin.PostJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest(name))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RevokingAnUnknownToken_Is404()
    {
        using var admin = paasd.SocketClient();

        await (await admin.DeleteAsync(ApiRoutes.Token("never-made"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HealthAndOpenApi_AreServed()
    {
        using var client = paasd.TcpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiRoutes.Health)).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/apps/{app}/config", openApi);
    }

    [Fact]
    public async Task TheUnixSocket_IsOnlyForRootAndThePaasGroup()
    {
        var mode = File.GetUnixFileMode(paasd.SocketPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, mode);
        await Task.CompletedTask;
    }
}
