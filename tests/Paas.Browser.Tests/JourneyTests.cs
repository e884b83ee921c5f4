using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Paas.Testing;
using Xunit.Abstractions;

namespace Paas.Browser.Tests;

/// <summary>
/// What a new user does in the dashboard, in order: create an app, push it with git, watch the build,
/// open it through the router, set a config var, scale, roll back, and watch its logs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserHost host, ITestOutputHelper output)
{
    private static readonly TimeSpan Deploy = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AnAppCreatedInTheDashboard_IsPushedConfiguredScaledRolledBackAndLogs()
    {
        var app = BrowserHost.NewAppName("journey");
        await using var session = await DashboardSession.OpenAsync(host);
        var page = session.Page;
        await session.LoginAsync("admin", BrowserHost.AdminPassword);

        // Create it from the apps page's dialog: the overview shows the exact remote to add.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create app" }).First.ClickAsync();
        await page.Locator(".create-app-name input").FillAsync(app);
        await page.Locator(".create-app-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/apps/{app}$"));
        var remote = $"git remote add paas {host.Paasd.BaseUrl.GetLeftPart(UriPartial.Authority)}/git/{app}.git";
        await Assertions.Expect(page.GetByText("Nothing deployed yet")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(remote);
        await session.ScreenshotAsync("app-empty");

        // Push with real git while the builds page is open: the log arrives as the build runs.
        using var work = await SampleApps.CheckOutAsync("null-app");
        await work.CommitAsync("first");
        await session.GotoAsync($"apps/{app}/builds");
        var push = work.GitAsync(["push", host.Remote(app), "HEAD:main"], timeout: Deploy);
        // The build appears in the list as it starts; opening it follows its output.
        await page.GetByRole(AriaRole.Option).First.ClickAsync(new() { Timeout = (float)Deploy.TotalMilliseconds });
        await Assertions.Expect(page.Locator(".build-log")).ToContainTextAsync("Application released as v1", new() { Timeout = (float)Deploy.TotalMilliseconds });
        var pushed = await push;
        Assert.True(pushed.ExitCode == 0, pushed.StandardError + "\n" + host.Paasd.Log);
        await session.ScreenshotAsync("app-build");

        // The app at its URL, through paas-router (the context's proxy, so APP.paas.test needs no DNS).
        await using (var visitor = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Proxy = new Proxy { Server = $"http://127.0.0.1:{host.Paasd.HttpPort}" },
        }))
        {
            var visit = await visitor.NewPageAsync();
            await EventuallyAsync(async () =>
            {
                var response = await visit.GotoAsync($"http://{app}.{PaasdFixture.Domain}/");
                return response is { Ok: true } && (await visit.ContentAsync()).Contains("<html", StringComparison.OrdinalIgnoreCase);
            }, Deploy, "the app did not answer through the router");
        }

        // A config var, saved as a release, then revealed.
        await session.GotoAsync($"apps/{app}/config");
        await page.Locator(".config-add").ClickAsync();
        await page.Locator(".config-key-input input").FillAsync("GREETING");
        await page.Locator(".config-value-input input").FillAsync("hello-from-the-browser");
        await page.Locator(".config-save").ClickAsync();
        var row = page.Locator(".config-row[data-key=GREETING]");
        await Assertions.Expect(row.Locator(".masked")).ToBeVisibleAsync(new() { Timeout = (float)Deploy.TotalMilliseconds });
        await row.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(row.Locator(".revealed")).ToHaveTextAsync("hello-from-the-browser");
        await session.ScreenshotAsync("app-config-revealed");

        // web=2: the overview lists two running instances.
        await session.GotoAsync($"apps/{app}");
        await page.Locator(".scale-web input").FillAsync("2");
        await page.Locator(".scale-web input").PressAsync("Tab");
        await page.Locator(".scale-apply").ClickAsync();
        await Assertions.Expect(page.Locator(".scale-row").First).ToContainTextAsync("2 running", new() { Timeout = (float)Deploy.TotalMilliseconds });
        // The instance the config change replaced may still be listed while it stops: count the running ones.
        await Assertions.Expect(page.Locator(".instances-table tbody tr").Filter(new() { HasText = "running" }))
            .ToHaveCountAsync(2, new() { Timeout = (float)Deploy.TotalMilliseconds });
        await session.ScreenshotAsync("app-overview");

        // Back to v1 (before the config var): the rollback makes v3.
        await session.GotoAsync($"apps/{app}/releases");
        await Assertions.Expect(page.Locator(".releases-table")).ToContainTextAsync("v2");
        await page.Locator(".rollback-button").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" }).ClickAsync();
        await Assertions.Expect(page.Locator(".releases-table")).ToContainTextAsync("v3", new() { Timeout = (float)Deploy.TotalMilliseconds });
        // Once the rollback's containers serve, the marker moves to v3 on the open page, without a reload.
        await Assertions.Expect(page.Locator(".releases-table tbody tr").Filter(new() { HasText = "serving" }))
            .ToContainTextAsync("v3", new() { Timeout = (float)Deploy.TotalMilliseconds });
        await session.ScreenshotAsync("app-releases");

        // Logs stream: a request made while the page is open shows up in it.
        await session.GotoAsync($"apps/{app}/logs");
        var marker = "/browser-" + Guid.NewGuid().ToString("N")[..8];
        await EventuallyAsync(async () =>
        {
            using var client = host.Paasd.RouterClient(app);
            using var response = await client.GetAsync(marker);
            return (int)response.StatusCode < 500;
        }, Deploy, "the app did not answer through the router after the rollback");
        await Assertions.Expect(page.Locator(".logs-output")).ToContainTextAsync(marker, new() { Timeout = 30_000 });
        await session.ScreenshotAsync("app-logs");

        // The console: a one-off container of the serving release on run/ws, typed into xterm.js.
        await session.GotoAsync($"apps/{app}/console");
        await page.Locator(".console-command input").FillAsync("sh");
        await page.Locator(".console-start").ClickAsync();
        await Assertions.Expect(page.Locator(".console-disconnect")).ToBeVisibleAsync(new() { Timeout = (float)Deploy.TotalMilliseconds });
        await page.Locator(".console-terminal").ClickAsync();
        // The shell's prompt: the container runs and reads its terminal.
        await Assertions.Expect(page.Locator(".console-terminal .xterm-rows")).ToContainTextAsync("$", new() { Timeout = 30_000 });
        await page.Keyboard.TypeAsync("echo $((40+2))\n");
        await Assertions.Expect(page.Locator(".console-terminal .xterm-rows")).ToContainTextAsync("42", new() { Timeout = 30_000 });
        await session.ScreenshotAsync("app-console");
        await page.Keyboard.TypeAsync("exit 3\n");
        await Assertions.Expect(page.Locator(".console-exit")).ToContainTextAsync("3", new() { Timeout = 30_000 });

        // docs/BENCHMARKS.md's Dashboard section: paasd's memory after the whole journey, its circuit still open.
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"paasd VmRSS after the journey: {ProcessMemory.ResidentMegabytes(host.Paasd.ProcessId):0} MB"));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is PlaywrightException or HttpRequestException or TaskCanceledException)
            {
                // Not serving yet.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} within {timeout.TotalSeconds:0} s");
            await Task.Delay(500);
        }
    }
}
