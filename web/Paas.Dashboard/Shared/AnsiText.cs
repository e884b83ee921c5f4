using System.Globalization;

namespace Paas.Dashboard.Shared;

/// <summary>
/// A line of terminal output (buildpacks colour theirs) split into runs of text with CSS classes for
/// the SGR codes in effect: <c>ESC[1;31m</c> becomes <c>ansi-bold ansi-fg-31</c>. Other escape
/// sequences (cursor moves, erase line) are dropped. The text itself is rendered escaped by Razor.
/// </summary>
public static class AnsiText
{
    public sealed record Run(string Text, string Classes);

    private const char Escape = '\u001b';

    public static IReadOnlyList<Run> Parse(string line)
    {
        var runs = new List<Run>();
        var style = new Style();
        var text = new System.Text.StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c != Escape)
            {
                // Carriage returns (progress bars) and other control characters would only show as boxes.
                if (c == '\t' || !char.IsControl(c)) text.Append(c);
                i++;
                continue;
            }
            if (i + 1 < line.Length && line[i + 1] == '[')
            {
                var end = i + 2;
                while (end < line.Length && line[end] is (>= '0' and <= '9') or ';' or '?') end++;
                if (end >= line.Length) break;
                if (line[end] == 'm')
                {
                    Flush(runs, text, style);
                    style = style.Apply(line[(i + 2)..end]);
                }
                i = end + 1;
            }
            else
            {
                // A lone ESC or another kind of sequence: drop the ESC and the one character after it.
                i += 2;
            }
        }
        Flush(runs, text, style);
        return runs;
    }

    private static void Flush(List<Run> runs, System.Text.StringBuilder text, Style style)
    {
        if (text.Length == 0) return;
        runs.Add(new Run(text.ToString(), style.Classes()));
        text.Clear();
    }

    private sealed record Style(bool Bold = false, bool Dim = false, bool Italic = false, bool Underline = false, int? Foreground = null, int? Background = null)
    {
        public Style Apply(string parameters)
        {
            var codes = parameters.Length == 0 ? [0] : parameters.Split(';').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
            var style = this;
            for (var k = 0; k < codes.Length; k++)
            {
                var code = codes[k];
                style = code switch
                {
                    0 => new Style(),
                    1 => style with { Bold = true },
                    2 => style with { Dim = true },
                    3 => style with { Italic = true },
                    4 => style with { Underline = true },
                    22 => style with { Bold = false, Dim = false },
                    23 => style with { Italic = false },
                    24 => style with { Underline = false },
                    >= 30 and <= 37 or >= 90 and <= 97 => style with { Foreground = code },
                    39 => style with { Foreground = null },
                    >= 40 and <= 47 => style with { Background = code },
                    >= 100 and <= 107 => style with { Background = code - 60 },
                    49 => style with { Background = null },
                    _ => style,
                };
                // 256-colour and true-colour forms (38;5;n, 38;2;r;g;b) carry arguments that are not codes: skip them.
                if (code is 38 or 48 && k + 1 < codes.Length)
                    k += codes[k + 1] == 5 ? 2 : codes[k + 1] == 2 ? 4 : 1;
            }
            return style;
        }

        public string Classes()
        {
            var classes = new List<string>(4);
            if (Bold) classes.Add("ansi-bold");
            if (Dim) classes.Add("ansi-dim");
            if (Italic) classes.Add("ansi-italic");
            if (Underline) classes.Add("ansi-underline");
            if (Foreground is { } fg) classes.Add(string.Create(CultureInfo.InvariantCulture, $"ansi-fg-{fg}"));
            if (Background is { } bg) classes.Add(string.Create(CultureInfo.InvariantCulture, $"ansi-bg-{bg}"));
            return string.Join(' ', classes);
        }
    }
}
