using Paas.Dashboard.AppPages.Builds;
using Paas.Dashboard.AppPages.Logs;
using Paas.Dashboard.AppPages.Releases;
using Paas.Dashboard.AppPages.Settings;
using Paas.Engine.Apps;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>Every app page of a new app says what is missing and what to do, instead of an empty table.</summary>
public sealed class EmptyPagesTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private const string App = "empty-pages";
    private readonly EngineFixture _engine;

    public EmptyPagesTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    private async Task EnsureAppAsync()
    {
        var apps = _engine.Get<AppOperations>();
        if (!(await apps.ListAsync(EngineFixture.Admin, default)).Any(a => a.Name == App))
            await apps.CreateAsync(EngineFixture.Admin, App, default);
    }

    [Fact]
    public async Task Releases()
    {
        await EnsureAppAsync();
        var cut = Render<ReleasesPage>(p => p.Add(r => r.App, App));
        cut.WaitForAssertion(() => Assert.Contains("No releases yet", cut.Markup));
    }

    [Fact]
    public async Task Builds()
    {
        await EnsureAppAsync();
        var cut = Render<BuildsPage>(p => p.Add(b => b.App, App));
        cut.WaitForAssertion(() => Assert.Contains("No builds yet", cut.Markup));
        Assert.Contains($"git remote add paas http://localhost/git/{App}.git", cut.Markup);
    }

    [Fact]
    public async Task Logs()
    {
        await EnsureAppAsync();
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<LogsPage>(p => p.Add(l => l.App, App));
        cut.WaitForAssertion(() => Assert.Contains("No log lines yet", cut.Markup));
        Assert.Equal($"apps/{App}/logs/download", cut.Find("a.logs-download").GetAttribute("href"));
    }

    [Fact]
    public async Task Certificates()
    {
        await EnsureAppAsync();
        var cut = Render<CertificatesPage>(p => p.Add(c => c.App, App));
        cut.WaitForAssertion(() => Assert.Contains("No certificate", cut.Markup));
    }

    [Fact]
    public async Task Domains_ShowTheEnginesRefusal_OfABadDomain()
    {
        await EnsureAppAsync();
        var cut = Render<DomainsPage>(p => p.Add(d => d.App, App));
        cut.WaitForAssertion(() => Assert.Contains("No domains", cut.Markup));

        cut.Find(".add-items-input input").Input("not a domain!");
        cut.Find("button.add-items-button").Click();

        cut.WaitForAssertion(() => Assert.Contains(SnackbarMessages, m => m.Contains("domain", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("No domains", cut.Markup);
    }

    [Fact]
    public async Task Ports_ListTheDefaultMapping()
    {
        await EnsureAppAsync();
        var cut = Render<PortsPage>(p => p.Add(d => d.App, App));
        cut.WaitForAssertion(() => Assert.Contains("http:80:5000", cut.Find(".ports-list").TextContent));
    }

    [Fact]
    public async Task Checks_ShowTheSettingsInEffect()
    {
        await EnsureAppAsync();
        var cut = Render<ChecksPage>(p => p.Add(c => c.App, App));
        cut.WaitForAssertion(() => Assert.Equal("none", cut.Find(".checks-disabled").TextContent));
        Assert.Contains("wait-to-retire", cut.Find(".checks-settings").TextContent);
    }
}
