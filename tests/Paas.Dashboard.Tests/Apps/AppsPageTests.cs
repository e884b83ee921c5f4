using Bunit;
using MudBlazor;
using Paas.Core.State;
using Paas.Dashboard.Apps;
using Paas.Dashboard.Live;
using Paas.Engine.Apps;

namespace Paas.Dashboard.Tests.Apps;

/// <summary>The apps list against the real Engine: each test has a database of its own, so "no apps" means none.</summary>
public sealed class AppsPageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public AppsPageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    private AppOperations AppOps => _engine.Get<AppOperations>();

    [Fact]
    public async Task TheList_ShowsEachApp_WithItsStatus_AndANewAppAppearsWhenTheDatabaseAnnouncesIt()
    {
        // The class shares one database: start from a known state.
        foreach (var app in await AppOps.ListAsync(EngineFixture.Admin, default))
            await AppOps.DestroyAsync(EngineFixture.Admin, app.Name, default);
        var cut = Render<AppsPage>();
        cut.WaitForAssertion(() => Assert.Contains("No apps yet", cut.Markup));
        Assert.Contains("git remote add paas http://localhost/git/myapp.git", cut.Find(".command-block").TextContent);

        var created = await AppOps.CreateAsync(EngineFixture.Admin, "listed-app", default);
        _engine.Get<StateChangeFeed>().Publish(new StateChange("apps", created.Id));

        cut.WaitForAssertion(() => Assert.Equal("listed-app", cut.Find("a.app-link").TextContent));
        Assert.Equal("new", cut.Find(".status-chip").TextContent.Trim());
        Assert.Contains("http://listed-app.paas.test", cut.Markup);
        Assert.Contains("never", cut.Markup);
    }

    [Fact]
    public async Task CreateDialog_RefusesAnInvalidName_AndCreatesAValidOne()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetService<IDialogService>()!;
        await provider.InvokeAsync(() => dialogs.ShowAsync<CreateAppDialog>("Create app"));

        provider.Find(".create-app-name input").Input("Bad_Name");
        provider.WaitForAssertion(() => Assert.Contains("is invalid", provider.Markup));
        Assert.True(provider.Find("button.create-app-submit").HasAttribute("disabled"));

        provider.Find(".create-app-name input").Input("made-in-dialog");
        provider.WaitForAssertion(() => Assert.False(provider.Find("button.create-app-submit").HasAttribute("disabled")));
        provider.Find("button.create-app-submit").Click();

        provider.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m == "App made-in-dialog created"));
        Assert.Contains(await AppOps.ListAsync(EngineFixture.Admin, default), a => a.Name == "made-in-dialog");
    }

    [Fact]
    public async Task DestroyDialog_DestroysTheApp_OnlyAfterItsExactNameIsTyped()
    {
        await AppOps.CreateAsync(EngineFixture.Admin, "doomed-app", default);
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetService<IDialogService>()!;
        await provider.InvokeAsync(() => dialogs.ShowAsync<DestroyAppDialog>("Destroy", new DialogParameters<DestroyAppDialog> { { d => d.App, "doomed-app" } }));

        provider.Find(".confirm-name input").Input("doomed");
        Assert.True(provider.Find("button.confirm-button").HasAttribute("disabled"));
        Assert.Contains(await AppOps.ListAsync(EngineFixture.Admin, default), a => a.Name == "doomed-app");

        provider.Find(".confirm-name input").Input("doomed-app");
        provider.Find("button.confirm-button").Click();

        provider.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m == "App doomed-app destroyed"));
        Assert.DoesNotContain(await AppOps.ListAsync(EngineFixture.Admin, default), a => a.Name == "doomed-app");
    }

    [Fact]
    public async Task ADeveloper_SeesOnlyGrantedApps_AndTheEmptyState()
    {
        await AppOps.CreateAsync(EngineFixture.Admin, "admins-only", default);
        SignIn(new Core.Auth.Actor(4242, "dev", Core.Auth.Role.Developer, "dashboard"));

        var cut = Render<AppsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No apps yet", cut.Markup));
        Assert.DoesNotContain("admins-only", cut.Markup);
    }
}
