using System.Globalization;
using System.Text;

namespace Paas.Engine.Metrics;

/// <summary>
/// Prometheus' text exposition format 0.0.4: per family one <c># HELP</c> and one <c># TYPE</c> line,
/// then its samples; label values escape backslash, double quote and newline, HELP text backslash and newline.
/// </summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusText Family(string name, string type, string help, IEnumerable<PrometheusSample> samples)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var sample in samples)
        {
            _text.Append(name);
            if (sample.Labels.Count > 0)
            {
                _text.Append('{');
                _text.AppendJoin(',', sample.Labels.Select(l => $"{l.Name}=\"{EscapeLabelValue(l.Value)}\""));
                _text.Append('}');
            }
            _text.Append(' ').Append(Value(sample.Value)).Append('\n');
        }
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    public static string EscapeHelp(string text) =>
        text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
