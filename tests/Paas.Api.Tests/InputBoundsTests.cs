using System.Net;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>Overlong or out-of-range input on paths that already answered 400 (checked for issue 8, kept so they stay that way).</summary>
[Collection(PaasdCollection.Name)]
public sealed class InputBoundsTests(PaasdFixture paasd)
{
    [Fact]
    public async Task Scale_WithAQuantityBeyondAnInteger_Is400()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        await (await client.SendRawAsync(HttpMethod.Patch, ApiRoutes.Formation(app), """{"quantities":{"web":99999999999999999999}}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DomainsAdd_WithANameOver253Characters_Is400()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";

        await (await client.PostJsonAsync(ApiRoutes.Domains(app), new DomainsRequest([longName]))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AppsCreate_AndTokensCreate_WithHugeNames_Are400()
    {
        using var client = paasd.SocketClient();

        await (await client.PostJsonAsync(ApiRoutes.Apps, new CreateAppRequest("a" + new string('b', 10_000)))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest("t" + new string('b', 10_000)))).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
