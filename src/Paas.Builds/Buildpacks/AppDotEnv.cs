using System.Text.RegularExpressions;
using Paas.Core.Git;

namespace Paas.Builds.Buildpacks;

/// <summary>
/// The app's committed <c>.env</c>, which herokuish exports before the buildpacks run ("buildstep
/// backwards compatibility"), so Dokku builds see it: Dokku's own test apps choose their buildpack
/// with <c>export BUILDPACK_URL=...</c> in it. Lines are <c>[export ]NAME=VALUE</c>, a value in
/// matching single or double quotes loses them; blank lines and # comments are skipped. Nothing is
/// evaluated (herokuish evals the lines: no <c>$VAR</c> or command expansion happens here). A config
/// var of the same name wins, as in Dokku, which appends the config after the app's lines.
/// </summary>
internal static partial class AppDotEnv
{
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text is null) return values;
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = Assignment().Match(line);
            if (!match.Success) continue;
            values[match.Groups["name"].Value] = Unquote(match.Groups["value"].Value.Trim());
        }

        return values;
    }

    /// <summary>The build's variables: the app's .env, then its config vars over them.</summary>
    public static Dictionary<string, string> WithConfig(SourceTree source, IReadOnlyDictionary<string, string> config)
    {
        var merged = new Dictionary<string, string>(Parse(source.File(SourceTree.DotEnv)), StringComparer.Ordinal);
        foreach (var (key, value) in config) merged[key] = value;
        return merged;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^(export\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();
}
