using Paas.Dashboard.AppPages.Terminal;
using Paas.Engine.Apps;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>
/// The console page hands the terminal's element and the right WebSocket endpoint to its script; what the
/// script does with them (xterm.js, the socket) needs a browser and a running container.
/// </summary>
public sealed class ConsolePageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private const string App = "console-page";
    private readonly EngineFixture _engine;
    private readonly BunitJSModuleInterop _module;

    public ConsolePageTests(EngineClassFixture engine) : base(engine)
    {
        _engine = engine.Engine;
        _module = JSInterop.SetupModule(ConsolePage.ModulePath);
        _module.Mode = JSRuntimeMode.Loose;
    }

    private async Task EnsureAppAsync()
    {
        var apps = _engine.Get<AppOperations>();
        if (!(await apps.ListAsync(EngineFixture.Admin, default)).Any(a => a.Name == App))
            await apps.CreateAsync(EngineFixture.Admin, App, default);
    }

    private async Task<IRenderedComponent<ConsolePage>> RenderLoadedAsync()
    {
        await EnsureAppAsync();
        var cut = Render<ConsolePage>(p => p.Add(c => c.App, App));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.console-start").HasAttribute("disabled")));
        return cut;
    }

    [Fact]
    public async Task Start_OpensAOneOffBash_ThroughTheRunSocket()
    {
        var cut = await RenderLoadedAsync();
        Assert.Single(cut.FindAll("div.console-terminal"));

        cut.Find("button.console-start").Click();

        var open = _module.VerifyInvoke("open");
        Assert.IsType<Microsoft.AspNetCore.Components.ElementReference>(open.Arguments[1]);
        Assert.Equal($"api/v1/apps/{App}/run/ws?tty=1&cmd=bash", open.Arguments[2]);
        Assert.Single(cut.FindAll("button.console-disconnect"));

        // Leaving the page closes that session (paasd then kills the command) and drops the terminal.
        await cut.InvokeAsync(async () => await cut.Instance.DisposeAsync());
        var close = _module.VerifyInvoke("close");
        Assert.Equal(open.Arguments[0], close.Arguments[0]);
        Assert.Equal(true, close.Arguments[1]);
    }

    [Fact]
    public async Task TheExitCode_IsShown_AndRunAgain_EntersTheChosenInstance()
    {
        var cut = await RenderLoadedAsync();
        cut.Find("button.console-start").Click();

        await cut.InvokeAsync(() => cut.Instance.SessionEnded(3, null));
        cut.WaitForAssertion(() => Assert.Contains("The command exited with 3.", cut.Find(".console-exit").TextContent));
        Assert.Equal("Run again", cut.Find("button.console-start").TextContent.Trim());

        cut.Find("button.console-mode-enter").Click();
        cut.WaitForElement(".console-dyno input").Change("worker.2");
        cut.Find(".console-command input").Change("ls -la | wc -l");
        cut.Find("button.console-start").Click();

        var calls = _module.VerifyInvoke("open", 2);
        Assert.Equal($"api/v1/apps/{App}/enter/ws?tty=1&dyno=worker.2&cmd=ls%20-la%20%7C%20wc%20-l", calls[1].Arguments[2]);
        Assert.Equal(calls[0].Arguments[0], calls[1].Arguments[0]);
    }

    [Fact]
    public async Task AMalformedInstance_IsRefused_BeforeAnythingOpens()
    {
        var cut = await RenderLoadedAsync();
        cut.Find("button.console-mode-enter").Click();
        cut.WaitForElement(".console-dyno input").Change("web");

        cut.Find("button.console-start").Click();

        Assert.Contains("'web' does not name an instance", cut.Find(".console-problem").TextContent);
        Assert.Empty(_module.Invocations["open"]);
    }

    [Fact]
    public void AnAppThatDoesNotExist_IsNotFound_AndNoTerminalIsShown()
    {
        var cut = Render<ConsolePage>(p => p.Add(c => c.App, "console-nope"));

        cut.WaitForAssertion(() => Assert.Contains("app 'console-nope' does not exist", cut.Markup));
        Assert.Empty(cut.FindAll("div.console-terminal"));
        Assert.Empty(JSInterop.Invocations["import"]);
    }
}
