using Paas.Engine.Metrics;
using Paas.Testing;

namespace Paas.Engine.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Families_HaveHelpAndTypeLines_AndLabelValuesAreEscaped()
    {
        var text = new PrometheusText()
            .Family("paas_test_bytes", "gauge", "Bytes, with a \\ and a\nnewline.",
                [new PrometheusSample([("app", "a\"b\\c\nd"), ("dyno", "web.1")], 1536), new PrometheusSample([("app", "plain")], 0.25)])
            .Family("paas_test_total", "counter", "A counter without samples.", [])
            .Family("paas_test_odd", "gauge", "Odd values.", [new PrometheusSample([], double.NaN), new PrometheusSample([], double.PositiveInfinity)])
            .ToString();

        Assert.Contains("paas_test_bytes{app=\"a\\\"b\\\\c\\nd\",dyno=\"web.1\"} 1536\n", text);
        Assert.Contains("# HELP paas_test_bytes Bytes, with a \\\\ and a\\nnewline.\n", text);
        var (families, samples) = PrometheusExposition.Parse(text);
        Assert.Equal(["paas_test_bytes", "paas_test_total", "paas_test_odd"], families.Select(f => f.Name));
        Assert.Equal(["gauge", "counter", "gauge"], families.Select(f => f.Type));
        Assert.Equal("Bytes, with a \\ and a\nnewline.", families[0].Help);
        Assert.Equal("a\"b\\c\nd", samples[0].Labels["app"]);
        Assert.Equal(0.25, samples[1].Value);
        Assert.True(double.IsNaN(samples[2].Value));
        Assert.Equal(double.PositiveInfinity, samples[3].Value);
    }

    [Fact]
    public void TheReader_RefusesWhatPrometheusWouldRefuse()
    {
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("paas_x 1\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# HELP paas_x X.\n# TYPE paas_x gauge\npaas_x{app=unquoted} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# HELP paas_x X.\n# TYPE paas_x gauge\npaas_x{app=\"a\\tb\"} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusExposition.Parse("# HELP paas_x X.\n# TYPE paas_x gauge\npaas_x one\n"));
    }
}
