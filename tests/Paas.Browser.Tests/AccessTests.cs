using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Paas.Core.Contracts;

namespace Paas.Browser.Tests;

/// <summary>A developer sees only the apps granted to them, in the dashboard as in the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessTests(BrowserHost host)
{
    [Fact]
    public async Task ADeveloper_GetsNotFoundForAnAppNotGranted_UntilItIsGranted()
    {
        var app = BrowserHost.NewAppName("grant");
        var developer = "dev" + Guid.NewGuid().ToString("N")[..8];
        const string password = "developer-password";
        await host.PaasOkAsync(["apps:create", app]);
        await host.PaasOkAsync(["users:add", developer, "--role", "developer", "--password-stdin"], password + "\n");

        await using var session = await DashboardSession.OpenAsync(host);
        await session.LoginAsync(developer, password);
        await Assertions.Expect(session.Page.Locator($"a.app-link:text-is('{app}')")).ToHaveCountAsync(0);

        await session.GotoAsync($"apps/{app}");
        await Assertions.Expect(session.Page.Locator(".mud-alert")).ToContainTextAsync($"app '{app}' does not exist");
        await session.ScreenshotAsync("app-not-found");
        Assert.Equal(HttpStatusCode.NotFound, await ApiStatusAsync(session, app));

        await host.PaasOkAsync(["apps:grant", app, developer]);

        await session.GotoAsync($"apps/{app}");
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync(app);
        await Assertions.Expect(session.Page.Locator(".mud-alert")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(session, app));
    }

    /// <summary>GET /api/.../apps/APP with the browser's login cookie: the same refusal as the page.</summary>
    private static async Task<HttpStatusCode> ApiStatusAsync(DashboardSession session, string app)
    {
        var response = await session.Page.APIRequest.GetAsync(session.Url(ApiRoutes.App(app).TrimStart('/')));
        return (HttpStatusCode)response.Status;
    }
}
