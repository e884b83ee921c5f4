using System.Text.RegularExpressions;
using Paas.Core.Formation;

namespace Paas.Core.Builds.Procfiles;

/// <summary>
/// Procfile as Heroku and Dokku read it: one <c>name: command</c> per line, blank lines and
/// lines starting with <c>#</c> skipped. Unlike herokuish (which skips what it cannot read), a
/// malformed line, a name `ps:scale` could not address or a name given twice fails the build with
/// every problem and its line number, so a typo never silently drops a process type.
/// </summary>
public static partial class ProcfileParser
{
    /// <summary>The process types in file order; throws <see cref="BuildFailedException"/> listing every problem.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string content, string fileName = "Procfile")
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var lines = content.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var where = $"{fileName} line {i + 1}";
            var match = LinePattern().Match(line);
            if (!match.Success)
            {
                problems.Add($"{where} is not 'name: command': \"{Shorten(line)}\"");
                continue;
            }

            var (name, command) = (match.Groups[1].Value, match.Groups[2].Value.Trim());
            if (!ProcessType.IsValid(name))
                problems.Add($"{where}: {ProcessType.Problem(name)}");
            else if (!types.TryAdd(name, command))
                problems.Add($"{where}: process type '{name}' is declared twice; keep one line per process type");
        }

        if (problems.Count > 0)
            throw new BuildFailedException($"{fileName} is invalid: {string.Join("; ", problems)}");
        return types;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    // Dokku's procfile-util syntax; the name rule proper is ProcessType's, checked separately so
    // the message can say which rule a name breaks.
    [GeneratedRegex(@"^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(\S.*)\z")]
    private static partial Regex LinePattern();
}
