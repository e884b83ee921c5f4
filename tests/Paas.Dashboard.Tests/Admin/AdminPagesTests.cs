using Paas.Dashboard.Admin;
using Paas.Engine.Tokens;

namespace Paas.Dashboard.Tests.Admin;

public sealed class AdminPagesTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public AdminPagesTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    [Fact]
    public async Task ACreatedToken_IsShownOnce_AndWorksWithTheEngine()
    {
        var cut = Render<TokensPanel>();
        cut.WaitForAssertion(() => Assert.Contains("No tokens", cut.Markup));

        cut.Find(".add-items-input input").Input("laptop");
        cut.WaitForAssertion(() => Assert.False(cut.Find("button.add-items-button").HasAttribute("disabled"), cut.Markup));
        cut.Find("button.add-items-button").Click();

        cut.WaitForAssertion(() => Assert.True(cut.FindAll(".token-created").Count > 0, string.Join("; ", SnackbarMessages) + cut.Markup));
        var secret = cut.Find(".token-created .command-block").TextContent.Trim();
        var actor = await _engine.Get<TokenOperations>().AuthenticateAsync(secret, default);
        Assert.Equal("admin", actor?.Name);
        cut.WaitForAssertion(() => Assert.Contains("laptop", cut.Find(".tokens-table").TextContent));

        var again = Render<TokensPanel>();
        again.WaitForAssertion(() => Assert.Contains("laptop", again.Markup));
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public void Health_ReportsPostgreSqlAndTheRouter()
    {
        var cut = Render<HealthPage>();

        cut.WaitForAssertion(() => Assert.Contains("PostgreSQL answers", cut.Markup));
        Assert.Contains("routing is off", cut.Markup);
    }

    [Fact]
    public void TheAuditLog_IsRefusedToADeveloper_WithTheEnginesReason()
    {
        SignIn(new Core.Auth.Actor(31, "dev", Core.Auth.Role.Developer, "dashboard"));

        var cut = Render<EventsPage>();

        cut.WaitForAssertion(() => Assert.Contains("only administrators can read the whole audit log", cut.Markup));
    }
}
