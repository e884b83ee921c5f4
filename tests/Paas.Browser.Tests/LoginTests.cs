using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Paas.Browser.Tests;

/// <summary>The login form (a plain HTML post to /auth/login), the apps page behind it, and logging out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserHost host)
{
    [Fact]
    public async Task AWrongPassword_ShowsTheError_TheRightOneReachesTheApps_LogoutSendsBackToLogin()
    {
        await using var session = await DashboardSession.OpenAsync(host);
        var page = session.Page;

        await session.GotoStaticAsync("login");
        await session.ScreenshotAsync("login");
        await session.SubmitLoginAsync("admin", "not-the-password");
        await Assertions.Expect(page.Locator(".login-error")).ToHaveTextAsync("Wrong username or password.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));

        await session.WithCircuitAsync(() => session.SubmitLoginAsync("admin", BrowserHost.AdminPassword));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/apps$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Apps");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Assertions.Expect(page.Locator("form.login-form")).ToBeVisibleAsync();

        // The cookie is gone: a dashboard page sends the browser to the login form again.
        await session.GotoStaticAsync("apps");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Assertions.Expect(page.Locator("form.login-form")).ToBeVisibleAsync();
    }
}
