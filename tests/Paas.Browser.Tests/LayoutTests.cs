using Microsoft.Playwright;

namespace Paas.Browser.Tests;

/// <summary>The main pages fit the window on a laptop and on a phone: no sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserHost host)
{
    [Theory]
    [InlineData(1280, 800, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task TheMainPages_HaveNoHorizontalOverflow(int width, int height, string name)
    {
        var app = BrowserHost.NewAppName("layout");
        await host.PaasOkAsync(["apps:create", app]);
        await host.PaasOkAsync(["config:set", app, "GREETING=hello", "--no-restart"]);
        await using var session = await DashboardSession.OpenAsync(host, width, height);
        await session.LoginAsync("admin", BrowserHost.AdminPassword);

        var overflowing = new List<string>();
        foreach (var (path, shot) in Pages(app))
        {
            await session.GotoAsync(path);
            await Assertions.Expect(session.Page.Locator("h1").First).ToBeVisibleAsync();
            await session.Page.WaitForTimeoutAsync(500);
            var widths = await session.Page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
                overflowing.Add($"{path}: scrollWidth {widths[0]} > innerWidth {widths[1]}; past the edge: {await WiderThanWindowAsync(session.Page)}");
            await session.ScreenshotAsync($"{name}-{shot}");
        }
        Assert.True(overflowing.Count == 0, string.Join('\n', overflowing));
    }

    /// <summary>The innermost elements that reach past the window's right edge, to say what to fix.</summary>
    private static Task<string> WiderThanWindowAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)})`)
            .join(', ')
        """);

    private static IEnumerable<(string Path, string Shot)> Pages(string app) =>
    [
        ("apps", "apps"),
        ($"apps/{app}", "app-overview"),
        ($"apps/{app}/config", "app-config"),
        ($"apps/{app}/builds", "app-builds"),
        ($"apps/{app}/releases", "app-releases"),
        ($"apps/{app}/logs", "app-logs"),
        ($"apps/{app}/domains", "app-domains"),
        ("admin/users", "admin-users"),
        ("admin/tokens", "admin-tokens"),
        ("admin/health", "admin-health"),
        ("account", "account"),
    ];
}
