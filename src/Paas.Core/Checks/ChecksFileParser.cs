using System.Globalization;
using Paas.Core.Builds;

namespace Paas.Core.Checks;

/// <summary>
/// Reads a CHECKS file the way Dokku's check-deploy did: blank lines and <c>#</c> comments are
/// skipped; <c>WAIT=</c>, <c>TIMEOUT=</c>, <c>ATTEMPTS=</c> (anywhere in the file, a trailing
/// <c># comment</c> allowed) apply to every check; a line whose first word is a path or URL
/// (<c>/p</c>, <c>//host/p</c>, <c>http(s)://host/p</c>) is a check, the rest of the line the
/// content expected in the response. Other lines are ignored, as Dokku ignores them, and listed.
/// A directive with a bad value, or a sigil template (<c>{{ var "X" }}</c>, which Paas does not
/// expand), fails the deploy naming the line: running other checks than the file says would mislead.
/// </summary>
public static class ChecksFileParser
{
    public const int MaxChecks = 50;
    private const int MaxPath = 2048;

    public static ChecksFile Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return ChecksFile.Empty;
        var checks = new List<ChecksFileCheck>();
        var ignored = new List<string>();
        var problems = new List<string>();
        int? wait = null, timeout = null, attempts = null;
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Contains("{{", StringComparison.Ordinal))
            {
                problems.Add($"line {number} is a template ({{{{ ... }}}}), which Paas does not expand: write the value itself");
                continue;
            }
            if (Directive(line) is var (name, value) && name is not null)
            {
                switch (name)
                {
                    case "WAIT": wait = Seconds(value, name, number, 0, 3600, problems) ?? wait; break;
                    case "TIMEOUT": timeout = Seconds(value, name, number, 1, 3600, problems) ?? timeout; break;
                    case "ATTEMPTS": attempts = Seconds(value, name, number, 1, 100, problems) ?? attempts; break;
                    default: ignored.Add($"line {number}: {name} is not a CHECKS setting (WAIT, TIMEOUT and ATTEMPTS are)"); break;
                }
                continue;
            }
            var split = line.IndexOfAny([' ', '\t']);
            var target = split < 0 ? line : line[..split];
            var expected = split < 0 ? null : line[split..].Trim();
            if (Check(target, number, problems) is { } check)
                checks.Add(check with { Content = string.IsNullOrEmpty(expected) ? null : expected });
            else if (!LooksLikeCheck(target))
                ignored.Add($"line {number} is neither a check (/path [content]) nor a setting: ignored");
        }
        if (checks.Count > MaxChecks)
            problems.Add($"it has {checks.Count} checks: at most {MaxChecks}");
        if (problems.Count > 0)
            throw new BuildFailedException($"CHECKS is invalid: {string.Join("; ", problems)}");
        return new ChecksFile(checks, wait, timeout, attempts, ignored);
    }

    /// <summary>NAME=VALUE with an upper-case name; the value without a trailing comment.</summary>
    private static (string? Name, string Value) Directive(string line)
    {
        var equals = line.IndexOf('=');
        if (equals <= 0) return (null, "");
        var name = line[..equals].Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
            return (null, "");
        var value = line[(equals + 1)..];
        var comment = value.IndexOf('#');
        return (name, (comment < 0 ? value : value[..comment]).Trim());
    }

    private static int? Seconds(string value, string name, int line, int min, int max, List<string> problems)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            return number;
        var unit = name == "ATTEMPTS" ? "" : " seconds";
        problems.Add($"line {line}: {name}={value} must be a whole number from {min} to {max}{unit}");
        return null;
    }

    private static bool LooksLikeCheck(string target) =>
        target.StartsWith('/') || target.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    private static ChecksFileCheck? Check(string target, int line, List<string> problems)
    {
        if (!LooksLikeCheck(target)) return null;
        var scheme = "http";
        var rest = target;
        foreach (var prefix in new[] { "https:", "http:" })
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                scheme = prefix.TrimEnd(':');
                rest = rest[prefix.Length..];
                break;
            }
        string? host = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            host = slash < 0 ? rest[2..] : rest[2..slash];
            rest = slash < 0 ? "/" : rest[slash..];
            if (host.Length is 0 or > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                problems.Add($"line {line}: '{target}' must name a host such as //admin.example.com/path (letters, digits, '.', '-'; no port)");
                return null;
            }
        }
        if (!rest.StartsWith('/') || rest.Length > MaxPath || rest.Any(char.IsControl))
        {
            problems.Add($"line {line}: '{target}' must be a path such as /health, //host/path or https://host/path");
            return null;
        }
        return new ChecksFileCheck(line, scheme, host, rest, null);
    }
}
