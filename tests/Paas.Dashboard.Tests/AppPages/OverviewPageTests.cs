using Paas.Dashboard.AppPages.Overview;
using Paas.Engine.Apps;
using Paas.Engine.Formation;
using Paas.Dashboard.Tests.Shared;

namespace Paas.Dashboard.Tests.AppPages;

public sealed class OverviewPageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    public OverviewPageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    [Fact]
    public async Task ANewApp_SaysHowToPushIt_WithItsExactRemote()
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, "fresh-app", default);

        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "fresh-app"));

        cut.WaitForAssertion(() => Assert.Contains("Nothing deployed yet", cut.Markup));
        Assert.Contains("git remote add paas http://localhost/git/fresh-app.git", cut.Find(".command-block").TextContent);
        Assert.Contains("http://fresh-app.paas.test", cut.Markup);
        Assert.Contains("No process types yet", cut.Markup);
    }

    [Fact]
    public async Task Scaling_AppliesTheNumberPerType_ThroughTheEngine()
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, "scaled-app", default);
        await _engine.Get<FormationOperations>().ScaleAsync(EngineFixture.Admin, "scaled-app", new Dictionary<string, int> { ["web"] = 1, ["worker"] = 0 }, default);
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "scaled-app"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".scale-worker input")));

        await cut.ActOnAsync(".scale-worker input", e => e.Change("3"));
        await cut.ActOnAsync("button.scale-apply", e => e.Click());

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m == "Scaled worker=3"));
        var formation = await _engine.Get<FormationOperations>().ListAsync(EngineFixture.Admin, "scaled-app", default);
        Assert.Equal(3, formation.Single(f => f.ProcessType == "worker").Quantity);
        Assert.Equal(1, formation.Single(f => f.ProcessType == "web").Quantity);
    }

    [Fact]
    public async Task ABadLimit_IsRefusedWithTheEnginesMessage()
    {
        await _engine.Get<AppOperations>().CreateAsync(EngineFixture.Admin, "limited-app", default);
        var cut = Render<OverviewPage>(p => p.Add(o => o.App, "limited-app"));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".limit-memory input")));

        await cut.ActOnAsync(".limit-memory input", e => e.Change("lots"));
        await cut.ActOnAsync("button.limits-apply", e => e.Click());

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m.Contains("lots", StringComparison.Ordinal)));
        Assert.Empty(await _engine.Get<FormationOperations>().ListLimitsAsync(EngineFixture.Admin, "limited-app", default));
    }
}
