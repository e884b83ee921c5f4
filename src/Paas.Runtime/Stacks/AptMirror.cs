namespace Paas.Runtime.Stacks;

/// <summary>
/// The Debian mirror this host already uses, read from /etc/apt/sources.list and
/// /etc/apt/sources.list.d (one-line *.list and deb822 *.sources), so debootstrap goes where
/// apt is known to work from here.
/// </summary>
internal static class AptMirror
{
    public const string Fallback = "http://deb.debian.org/debian";

    public static string ForSuite(string suite, string aptDir = "/etc/apt")
    {
        var files = new List<string>();
        var main = Path.Combine(aptDir, "sources.list");
        if (File.Exists(main))
        {
            files.Add(main);
        }

        var parts = Path.Combine(aptDir, "sources.list.d");
        if (Directory.Exists(parts))
        {
            files.AddRange(Directory.EnumerateFiles(parts)
                .Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        }

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var uri = file.EndsWith(".sources", StringComparison.Ordinal) ? FromDeb822(text, suite) : FromOneLine(text, suite);
            if (uri is not null)
            {
                return uri.TrimEnd('/');
            }
        }

        return Fallback;
    }

    /// <summary>"deb [options] URI SUITE COMPONENTS..." lines.</summary>
    internal static string? FromOneLine(string text, string suite)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (fields.Count < 3 || fields[0] != "deb")
            {
                continue;
            }

            if (fields[1].StartsWith('['))
            {
                var close = fields.FindIndex(f => f.EndsWith(']'));
                fields.RemoveRange(1, close);
            }

            if (fields.Count >= 3 && fields[2] == suite)
            {
                return fields[1];
            }
        }

        return null;
    }

    /// <summary>deb822 stanzas: "Types: deb", "URIs: ...", "Suites: ..." separated by blank lines.</summary>
    internal static string? FromDeb822(string text, string suite)
    {
        foreach (var stanza in text.Replace("\r", "").Split("\n\n"))
        {
            var fields = stanza.Split('\n')
                .Where(l => !l.TrimStart().StartsWith('#') && l.Contains(':'))
                .Select(l => (Key: l[..l.IndexOf(':')].Trim(), Value: l[(l.IndexOf(':') + 1)..].Trim()))
                .GroupBy(f => f.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            if (fields.TryGetValue("Enabled", out var enabled) && enabled.Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (fields.TryGetValue("Types", out var types) && types.Split(' ').Contains("deb")
                && fields.TryGetValue("Suites", out var suites) && suites.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(suite)
                && fields.TryGetValue("URIs", out var uris))
            {
                return uris.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            }
        }

        return null;
    }
}
