using Paas.Core.Contracts;
using Paas.Dashboard.AppPages.Config;
using Paas.Engine.Apps;
using Paas.Engine.Config;

namespace Paas.Dashboard.Tests.AppPages;

public sealed class ConfigPageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public ConfigPageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    private async Task<string> AppWithConfigAsync(string name, Dictionary<string, string> config)
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, name, default);
        if (config.Count > 0)
            await _engine.Get<ConfigOperations>().ChangeAsync(EngineFixture.Admin, name, new ConfigChangeRequest(config, null, NoRestart: true), default);
        return name;
    }

    [Fact]
    public async Task Values_AreMasked_UntilRevealedOneByOne()
    {
        var app = await AppWithConfigAsync("masked-config", new() { ["DATABASE_URL"] = "postgres://u:pw@db/x", ["SECRET_KEY"] = "hunter2" });

        var cut = Render<ConfigPage>(p => p.Add(c => c.App, app));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".config-row").Count));
        Assert.DoesNotContain("hunter2", cut.Markup);
        Assert.DoesNotContain("postgres://u:pw@db/x", cut.Markup);
        cut.Find(".config-row[data-key=SECRET_KEY] button[aria-label=Reveal]").Click();
        // MudBlazor's buttons run their click handler asynchronously.
        cut.WaitForAssertion(() => Assert.Contains("hunter2", cut.Markup));
        Assert.DoesNotContain("postgres://u:pw@db/x", cut.Markup);
    }

    [Fact]
    public async Task SeveralEdits_AreSavedAsOneChange_WithoutRestart()
    {
        var app = await AppWithConfigAsync("edited-config", new() { ["KEEP"] = "1", ["DROP"] = "2", ["CHANGE"] = "old" });
        var cut = Render<ConfigPage>(p => p.Add(c => c.App, app));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".config-row").Count));

        cut.Find("button[aria-label='Remove DROP']").Click();
        cut.WaitForElement(".config-row.removed[data-key=DROP]");
        cut.Find("button[aria-label='Edit CHANGE']").Click();
        cut.WaitForElement(".config-row[data-key=CHANGE] .config-value-input input").Input("new");
        cut.Find("button.config-add").Click();
        cut.WaitForElement(".config-key-input input").Input("ADDED");
        cut.FindAll(".config-value-input input").Last().Input("yes");
        cut.Find(".config-no-restart input").Change(true);
        cut.Find("button.config-save").Click();

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m.StartsWith("Saved ADDED, CHANGE, DROP", StringComparison.Ordinal)));
        var config = await _engine.Get<ConfigOperations>().ShowAsync(EngineFixture.Admin, app, default);
        Assert.Equal(new Dictionary<string, string> { ["ADDED"] = "yes", ["CHANGE"] = "new", ["KEEP"] = "1" }, config);
    }

    [Fact]
    public async Task AnInvalidKey_IsExplained_AndCannotBeSaved()
    {
        var app = await AppWithConfigAsync("invalid-config", []);
        var cut = Render<ConfigPage>(p => p.Add(c => c.App, app));
        cut.WaitForAssertion(() => Assert.Contains("No config vars", cut.Markup));

        cut.Find("button.config-add").Click();
        cut.WaitForElement(".config-key-input input").Input("1BAD-KEY");

        cut.WaitForAssertion(() => Assert.Contains("config key '1BAD-KEY' is invalid", cut.Find(".config-problem").TextContent));
        Assert.True(cut.Find("button.config-save").HasAttribute("disabled"));
    }

    [Fact]
    public void AnAppTheUserMayNotSee_IsAReadableMessage_NotACrash()
    {
        SignIn(new Core.Auth.Actor(777, "dev", Core.Auth.Role.Developer, "dashboard"));

        var cut = Render<ConfigPage>(p => p.Add(c => c.App, "someone-elses"));

        cut.WaitForAssertion(() => Assert.Contains("app 'someone-elses'", cut.Find(".mud-alert").TextContent));
    }
}
