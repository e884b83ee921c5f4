using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Paas.Testing;

/// <summary>
/// A strict reader of Prometheus' text format 0.0.4, line by line, for tests: every family has one
/// HELP and one TYPE line before its samples, every sample belongs to the family above it, names and
/// label names are valid, label values are quoted with only \\, \" and \n escapes, values parse.
/// Throws <see cref="FormatException"/> naming the line otherwise.
/// </summary>
public static partial class PrometheusExposition
{
    public sealed record Family(string Name, string Type, string Help);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static (IReadOnlyList<Family> Families, IReadOnlyList<Sample> Samples) Parse(string text)
    {
        if (!text.EndsWith('\n')) throw new FormatException("the exposition must end with a newline");
        var families = new List<Family>();
        var samples = new List<Sample>();
        string? helpName = null, help = null, current = null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ', 2);
                if (!MetricName().IsMatch(parts[0])) throw new FormatException($"{where}: bad metric name");
                if (families.Any(f => f.Name == parts[0])) throw new FormatException($"{where}: second HELP for {parts[0]}");
                (helpName, help, current) = (parts[0], parts.Length > 1 ? UnescapeHelp(parts[1], where) : "", null);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                if (parts.Length != 2 || parts[0] != helpName) throw new FormatException($"{where}: TYPE must follow the family's HELP");
                if (parts[1] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) throw new FormatException($"{where}: unknown type");
                families.Add(new Family(parts[0], parts[1], help!));
                current = parts[0];
                helpName = null;
            }
            else if (line.StartsWith('#') || line.Length == 0)
            {
                throw new FormatException($"{where}: unexpected comment or empty line");
            }
            else
            {
                var sample = ParseSample(line, where);
                if (sample.Name != current) throw new FormatException($"{where}: sample outside of its family (current {current ?? "none"})");
                samples.Add(sample);
            }
        }
        return (families, samples);
    }

    private static Sample ParseSample(string line, string where)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && line[nameEnd] is not ('{' or ' ')) nameEnd++;
        var name = line[..nameEnd];
        if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: bad metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = nameEnd;
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                if (eq < 0) throw new FormatException($"{where}: label without '='");
                var label = line[i..eq];
                if (!LabelName().IsMatch(label)) throw new FormatException($"{where}: bad label name '{label}'");
                if (eq + 1 >= line.Length || line[eq + 1] != '"') throw new FormatException($"{where}: label value not quoted");
                var value = new StringBuilder();
                var j = eq + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] != '\\') { value.Append(line[j]); continue; }
                    j++;
                    value.Append(j < line.Length ? line[j] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new FormatException($"{where}: bad escape '\\{line[j]}'"),
                    } : throw new FormatException($"{where}: escape at the end"));
                }
                if (j >= line.Length) throw new FormatException($"{where}: unterminated label value");
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"{where}: label '{label}' twice");
                i = j + 1;
                if (line[i] == ',') i++;
                else if (line[i] != '}') throw new FormatException($"{where}: expected ',' or '}}' after a label");
            }
            i++;
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"{where}: expected one space before the value");
        var text = line[(i + 1)..];
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{where}: value '{text}' is not a number"),
        };
        return new Sample(name, labels, number);
    }

    private static string UnescapeHelp(string text, string where)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\') { result.Append(text[i]); continue; }
            i++;
            result.Append(i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw new FormatException($"{where}: bad escape in HELP"),
            } : throw new FormatException($"{where}: escape at the end"));
        }
        return result.ToString();
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
