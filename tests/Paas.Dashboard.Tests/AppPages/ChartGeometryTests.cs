using Paas.Dashboard.AppPages.Metrics;

namespace Paas.Dashboard.Tests.AppPages;

public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(12.5, 10, 20)]
    [InlineData(37, 10, 50)]
    [InlineData(101, 10, 200)]
    [InlineData(700, 1, 1000)]
    public void TheValueAxis_EndsOnARoundNumber(double max, double floor, double top) =>
        Assert.Equal(top, ChartGeometry.NiceTop(max, floor));

    [Fact]
    public void AMissingBucket_BreaksTheLine_AndALonePointIsADot()
    {
        var t0 = new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(30);
        ChartPoint[] points = [new(t0, 1), new(t0 + step, 2), new(t0 + 4 * step, 3), new(t0 + 6 * step, 4), new(t0 + 7 * step, 5)];

        var (path, dots) = ChartGeometry.Trace(points, step, t => (t - t0).TotalSeconds, v => v);

        Assert.Equal("M0,1 L30,2 M180,4 L210,5", path);
        Assert.Equal([(120.0, 3.0)], dots);
    }
}
