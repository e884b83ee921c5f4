using System.Text;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The host stack's own dpkg database: from the host's /var/lib/dpkg/status, the installed packages
/// with only the fields apt needs to resolve dependencies against them. A container never sees the
/// host's file (no conffile list, descriptions, maintainers or anything of /var/lib/dpkg/info); an
/// unchanged Heroku apt buildpack still finds what the stack's bound /usr holds at apt's default path.
/// </summary>
internal static class DpkgStatusFilter
{
    // Identity, state and relationships; Essential and Protected keep apt from planning to remove them.
    private static readonly string[] KeptFields =
    [
        "Package", "Status", "Priority", "Essential", "Protected", "Architecture", "Multi-Arch", "Version",
        "Provides", "Depends", "Pre-Depends", "Breaks", "Conflicts", "Replaces",
    ];

    private static readonly HashSet<string> Kept = new(KeptFields, StringComparer.OrdinalIgnoreCase);

    /// <summary>The filtered database; empty when the input lists no installed package.</summary>
    public static string Filter(string status)
    {
        var output = new StringBuilder();
        foreach (var stanza in Stanzas(status))
        {
            if (IsInstalled(stanza))
            {
                foreach (var name in KeptFields)
                {
                    if (stanza.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.Length: > 0 } field)
                    {
                        output.Append(name).Append(": ").Append(field.Value).Append('\n');
                    }
                }

                output.Append('\n');
            }
        }

        return output.ToString();
    }

    // dpkg's Status is "want flag status": only "installed" means the files are under /usr
    // ("config-files", "half-installed", "unpacked"... do not satisfy a dependency).
    private static bool IsInstalled(IReadOnlyList<Field> stanza) =>
        stanza.Any(f => f.Name.Equals("Package", StringComparison.OrdinalIgnoreCase) && f.Value.Length > 0)
        && stanza.FirstOrDefault(f => f.Name.Equals("Status", StringComparison.OrdinalIgnoreCase)) is { } status
        && status.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, "installed"];

    /// <summary>
    /// deb822 stanzas split by blank lines. A kept field's continuation lines are folded into one line
    /// (apt reads relationship fields folded or not); lines that are neither a field nor a
    /// continuation are dropped rather than passed on.
    /// </summary>
    private static IEnumerable<IReadOnlyList<Field>> Stanzas(string text)
    {
        var stanza = new List<Field>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (stanza.Count > 0)
                {
                    yield return stanza;
                    stanza = [];
                }
            }
            else if (line[0] is ' ' or '\t')
            {
                if (stanza.Count > 0 && Kept.Contains(stanza[^1].Name))
                {
                    stanza[^1] = stanza[^1] with { Value = (stanza[^1].Value + " " + line.Trim()).Trim() };
                }
            }
            else if (line.IndexOf(':') is var colon and > 0 && IsFieldName(line.AsSpan(0, colon)))
            {
                stanza.Add(new Field(line[..colon], line[(colon + 1)..].Trim()));
            }
            else
            {
                // Not deb822 (a stray line): what follows until the next field is not continued into the last one.
                stanza.Add(new Field("", ""));
            }
        }

        if (stanza.Count > 0)
        {
            yield return stanza;
        }
    }

    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (c is < '!' or > '~' || c == ':')
            {
                return false;
            }
        }

        return name[0] != '#' && name[0] != '-';
    }

    private sealed record Field(string Name, string Value);
}
