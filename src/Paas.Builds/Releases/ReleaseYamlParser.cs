using System.Text;

namespace Paas.Builds.Releases;

/// <summary>
/// Reads the YAML subset buildpacks print from bin/release: top-level keys whose values are blocks
/// of indented <c>key: value</c> lines (plain, 'single' or "double" quoted scalars, # comments),
/// or empty flow collections (<c>addons: []</c>). Anything else (other keys, lists, block scalars)
/// is skipped rather than failing the build: only the two maps matter, as in herokuish.
/// </summary>
internal static class ReleaseYamlParser
{
    public static ReleaseYaml Parse(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml)) return ReleaseYaml.Empty;
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            ["default_process_types"] = new(StringComparer.Ordinal),
            ["config_vars"] = new(StringComparer.Ordinal),
        };
        Dictionary<string, string>? current = null;
        foreach (var raw in yaml.Replace("\r", "").Split('\n'))
        {
            var line = StripComment(raw).TrimEnd();
            if (line.Trim().Length == 0 || line is "---" or "...") continue;
            var indented = char.IsWhiteSpace(line[0]);
            var colon = line.IndexOf(':');
            if (!indented)
            {
                current = colon > 0 ? sections.GetValueOrDefault(line[..colon].Trim()) : null;
                continue;
            }

            if (current is null || colon <= 0) continue;
            var key = Unquote(line[..colon].Trim());
            var value = Unquote(line[(colon + 1)..].Trim());
            if (key.Length > 0) current[key] = value;
        }

        return new ReleaseYaml(sections["default_process_types"], sections["config_vars"]);
    }

    /// <summary>A # starts a comment at the line's start or after whitespace, outside quotes.</summary>
    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\' && q == '"') i++;
                else if (c == q) quote = null;
            }
            else if (c is '"' or '\'' && (i == 0 || char.IsWhiteSpace(line[i - 1]) || line[i - 1] == ':')) quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }

        return line;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') return value[1..^1].Replace("''", "'");
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"') return value;
        var text = new StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length - 1)
            {
                text.Append(value[i]);
                continue;
            }

            text.Append(value[++i] switch { 'n' => '\n', 't' => '\t', '0' => '\0', var other => other });
        }

        return text.ToString();
    }
}
