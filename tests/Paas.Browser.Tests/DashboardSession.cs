using Microsoft.Playwright;

namespace Paas.Browser.Tests;

/// <summary>
/// One browser context (its own cookies) on the dashboard: navigation that waits for the Blazor circuit,
/// the login form, and screenshots saved as test artifacts.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    private static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(30);

    private readonly BrowserHost _host;
    private readonly IBrowserContext _context;

    private DashboardSession(BrowserHost host, IBrowserContext context, IPage page)
    {
        _host = host;
        _context = context;
        Page = page;
        // What the page said and what it failed to load: the message of a test that timed out.
        page.Console += (_, message) => Note($"console {message.Type}: {message.Text}");
        page.RequestFailed += (_, request) => Note($"failed {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 || response.Url.Contains("/_framework/", StringComparison.Ordinal))
                Note($"{response.Status} {response.Url}");
        };
    }

    private readonly List<string> _notes = [];

    private void Note(string line)
    {
        lock (_notes) _notes.Add(line);
    }

    /// <summary>The page's console messages, failed requests and notable responses so far.</summary>
    public string Notes
    {
        get
        {
            lock (_notes) return string.Join('\n', _notes);
        }
    }

    public IPage Page { get; }

    public static async Task<DashboardSession> OpenAsync(BrowserHost host, int width = 1280, int height = 800)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Paasd.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return new DashboardSession(host, context, await context.NewPageAsync());
    }

    /// <summary>The URL of a dashboard path on this paasd.</summary>
    public string Url(string path) => new Uri(_host.Paasd.BaseUrl, path).ToString();

    /// <summary>A full page load of <paramref name="path"/>, returned once its circuit is up (clicks before that do nothing).</summary>
    public Task GotoAsync(string path) => WithCircuitAsync(() => Page.GotoAsync(Url(path)));

    /// <summary>A full page load without a circuit (the login form is plain HTML).</summary>
    public Task GotoStaticAsync(string path) => Page.GotoAsync(Url(path));

    /// <summary>
    /// Runs <paramref name="action"/> (which loads a page) and waits until Blazor's websocket has carried the
    /// first render batch, then a moment for the handlers to attach.
    /// </summary>
    public async Task WithCircuitAsync(Func<Task> action)
    {
        var frames = 0;
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSocket(object? sender, IWebSocket socket)
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal)) return;
            // The handshake answer is the first frame; a render batch follows.
            socket.FrameReceived += (_, _) => { if (Interlocked.Increment(ref frames) >= 2) rendered.TrySetResult(); };
        }
        Page.WebSocket += OnSocket;
        try
        {
            await action();
            try
            {
                await rendered.Task.WaitAsync(CircuitTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no Blazor circuit on {Page.Url} within {CircuitTimeout.TotalSeconds} s ({frames} frames):\n{Notes}");
            }
            await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
            await Page.WaitForTimeoutAsync(300);
        }
        finally
        {
            Page.WebSocket -= OnSocket;
        }
    }

    /// <summary>Fills the login form and submits it (the browser follows the redirect).</summary>
    public async Task SubmitLoginAsync(string user, string password)
    {
        await Page.Locator("#username").FillAsync(user);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("form.login-form button[type=submit]").ClickAsync();
    }

    /// <summary>Logs in through /login and waits for the apps page's circuit.</summary>
    public async Task LoginAsync(string user, string password)
    {
        await GotoStaticAsync("login");
        await WithCircuitAsync(() => SubmitLoginAsync(user, password));
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/apps$"));
    }

    /// <summary>A full-page screenshot under the test results directory (see <see cref="Artifacts"/>).</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot(name), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
