using System.Net.Http.Json;
using Microsoft.Playwright;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Browser.Tests;

/// <summary>
/// A real paasd (its own database, root, TCP listener and router) with the `host` stack, the admin's
/// password set through the CLI, and Debian's chromium driven by Playwright. Shared by the browser tests.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string AdminPassword = "browser-admin-password";

    // MACHINE-NOTES: Debian's chromium, never `playwright install`.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public PaasdFixture Paasd { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A token for git pushes over HTTP.</summary>
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Paasd.InitializeAsync();
        using var admin = Paasd.SocketClient();
        using var stack = await admin.PostAsJsonAsync(ApiRoutes.Stacks, new CreateStackRequest("host", "host"), ApiJson.Options);
        Assert.True(stack.IsSuccessStatusCode, await stack.Content.ReadAsStringAsync());
        // As in the push tests: 1 s of uptime instead of Dokku's 10 s before a new container takes over.
        using var checks = await admin.PutAsJsonAsync(ApiRoutes.GlobalCheckSettings, new SetCheckSettingRequest("default-wait", "1"), ApiJson.Options);
        Assert.True(checks.IsSuccessStatusCode, await checks.Content.ReadAsStringAsync());
        await PaasOkAsync(["users:passwd", "admin", "--password-stdin"], AdminPassword + "\n");
        Token = await Paasd.CreateTokenAsync("browser-push");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Browser is not null) await Browser.DisposeAsync();
            _playwright?.Dispose();
        }
        finally
        {
            await Paasd.DisposeAsync();
        }
    }

    /// <summary>Runs the published `paas` as the local administrator and asserts it succeeded.</summary>
    public async Task<string> PaasOkAsync(string[] arguments, string? standardInput = null)
    {
        var result = await Paasd.PaasAsync(arguments, standardInput: standardInput);
        Assert.True(result.ExitCode == 0, $"paas {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>The app's remote with the token as the basic-auth password.</summary>
    public string Remote(string app) => $"http://x:{Token}@{Paasd.BaseUrl.Authority}{ApiRoutes.GitRepo(app)}";

    public static string NewAppName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
