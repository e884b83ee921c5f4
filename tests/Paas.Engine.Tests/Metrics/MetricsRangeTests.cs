using Paas.Core.Errors;
using Paas.Core.Metrics;
using Paas.Engine.Metrics;

namespace Paas.Engine.Tests.Metrics;

public sealed class MetricsRangeTests
{
    [Fact]
    public void EachRange_GivesBetween60And300Points()
    {
        foreach (var range in MetricsRange.All)
            Assert.InRange(range.Span / range.Step, 60, 300);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2h")]
    [InlineData(null)]
    public void AnUnknownRange_IsAValidationErrorOnTheRangeField(string? name)
    {
        var e = Assert.Throws<ValidationException>(() => MetricsRange.Parse(name));
        Assert.Contains("use 1h or 24h", Assert.Single(e.Errors["range"]));
    }

    [Fact]
    public void CpuPercent_IsCpuTimeOverWallTime_OneCoreBeing100() =>
        Assert.Equal(150, CpuPercent.Over(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10)), 6);
}
