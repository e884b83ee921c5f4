using Microsoft.Extensions.DependencyInjection;
using Paas.Core.Metrics;
using Paas.Dashboard.AppPages.Metrics;
using Paas.Engine.Apps;
using Paas.Engine.Metrics;
using Paas.Engine.Operations;

namespace Paas.Dashboard.Tests.AppPages;

/// <summary>The metrics page draws the Engine's series (samples written through the real metrics store).</summary>
public sealed class MetricsPageTests : DashboardTestContext, IClassFixture<EngineClassFixture>
{
    private readonly EngineFixture _engine;

    // The fixture registers the read operations as paasd does (AddPaasMetrics); it starts no sampler.
    public MetricsPageTests(EngineClassFixture engine) : base(engine) => _engine = engine.Engine;

    private async Task<long> CreateAppAsync(string name)
    {
        var apps = _engine.Get<AppOperations>();
        await apps.CreateAsync(EngineFixture.Admin, name, default);
        return (await apps.ListAsync(EngineFixture.Admin, default)).Single(a => a.Name == name).Id;
    }

    private Task WriteTicksAsync(long appId, DateTimeOffset start, int ticks, params (string Type, int Instance)[] containers) =>
        _engine.Get<IMetricsStore>().WriteAsync(
            Enumerable.Range(0, ticks)
                .SelectMany(t => containers.Select(c => new ContainerSample(appId, c.Type, c.Instance, $"{c.Type}-{c.Instance}",
                    start.AddSeconds(10 * t), 1_000_000L * t, 12.5 + t, 64L * 1024 * 1024 + t * 1024, 512L * 1024 * 1024, c.Type == "worker" ? 2 : 0)))
                .ToList(),
            default);

    [Fact]
    public async Task DrawsCpuMemoryAndRestarts_PerProcessType()
    {
        var id = await CreateAppAsync("metrics-charts");
        await WriteTicksAsync(id, DateTimeOffset.UtcNow.AddMinutes(-10), 30, ("web", 1), ("web", 2), ("worker", 1));

        var cut = Render<MetricsPage>(p => p.Add(m => m.App, "metrics-charts"));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("figure.metrics-chart").Count));
        foreach (var chart in new[] { "cpu", "memory", "restarts" })
        {
            var series = cut.FindAll($"figure[data-chart={chart}] g.metrics-series");
            Assert.Equal(["web", "worker"], series.Select(s => s.GetAttribute("data-series")));
            // Ten minutes of 10 s ticks are several 30 s points in a row: a line, not dots.
            Assert.All(series, s => Assert.StartsWith("M", s.QuerySelector("path")!.GetAttribute("d")));
        }
        // Two web instances of 512 MiB each: the type's limit is their sum.
        Assert.Contains("web", cut.Find("figure[data-chart=memory] .metrics-legend").TextContent);
        Assert.Contains("limit 1 GiB", cut.Find("figure[data-chart=memory] .metrics-legend").TextContent);
        Assert.Contains("worker: 2 now", cut.Find("figure[data-chart=restarts] .metrics-legend").TextContent);
        Assert.Contains("Last hour, one point per 30 s", cut.Find(".metrics-window").TextContent);
        Assert.DoesNotContain("No samples yet", cut.Markup);
    }

    [Fact]
    public async Task SaysWhenSamplesCome_BeforeAnyExist()
    {
        await CreateAppAsync("metrics-empty");

        var cut = Render<MetricsPage>(p => p.Add(m => m.App, "metrics-empty"));

        cut.WaitForAssertion(() => Assert.Contains("No samples yet", cut.Markup));
        Assert.Contains("samples every 10 s once the app runs", cut.Markup);
        Assert.Empty(cut.FindAll("figure.metrics-chart"));
    }

    [Fact]
    public async Task TheDayRange_AsksTheEngineForTwentyFourHours()
    {
        var id = await CreateAppAsync("metrics-range");
        // Two hours ago: outside the last hour, inside the last day.
        await WriteTicksAsync(id, DateTimeOffset.UtcNow.AddHours(-2), 12, ("web", 1));

        var cut = Render<MetricsPage>(p => p.Add(m => m.App, "metrics-range"));
        cut.WaitForAssertion(() => Assert.Contains("No samples yet", cut.Markup));

        cut.Find("button.metrics-range-24h").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("figure.metrics-chart").Count));
        Assert.Contains("Last 24 hours, one point per 5 min", cut.Find(".metrics-window").TextContent);
        Assert.Equal(["web"], cut.FindAll("figure[data-chart=cpu] g.metrics-series").Select(s => s.GetAttribute("data-series")));
    }

    [Fact]
    public void AnAppThatDoesNotExist_IsNotFound()
    {
        var cut = Render<MetricsPage>(p => p.Add(m => m.App, "metrics-nope"));
        cut.WaitForAssertion(() => Assert.Contains("app 'metrics-nope' does not exist", cut.Markup));
        Assert.Empty(cut.FindAll("figure.metrics-chart"));
    }
}
