using Paas.Core.Builds;

namespace Paas.Cli.Console;

/// <summary>Dokku's line prefixes, so output reads like the tool users already know.</summary>
public static class DokkuOutput
{
    public const string HeaderPrefix = BuildOutput.SectionPrefix;
    public const string StepPrefix = BuildOutput.StepPrefix;
    public const string DetailPrefix = BuildOutput.DetailPrefix;
    public const string ErrorPrefix = BuildOutput.ErrorPrefix;

    public static void Header(this TextWriter writer, string text) => writer.Write(HeaderPrefix + text + "\n");

    public static void Step(this TextWriter writer, string text) => writer.Write(StepPrefix + text + "\n");

    public static void Detail(this TextWriter writer, string text) => writer.Write(DetailPrefix + text + "\n");

    /// <summary>Every line of a multi-line message gets the prefix, as Dokku does.</summary>
    public static void ErrorLine(this TextWriter writer, string text)
    {
        foreach (var line in text.Split('\n'))
            writer.Write(ErrorPrefix + line + "\n");
    }

    /// <summary>Label/value lines with the values aligned, as in <c>dokku apps:report</c>.</summary>
    public static void Fields(this TextWriter writer, IReadOnlyList<(string Label, string Value)> fields)
    {
        var width = fields.Count == 0 ? 0 : fields.Max(f => f.Label.Length) + 3;
        foreach (var (label, value) in fields)
            writer.Detail((label + ":").PadRight(width) + value);
    }

    /// <summary>Rows with columns padded to the widest cell; the first row is the heading.</summary>
    public static void Table(this TextWriter writer, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count == 0) return;
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0))
            .ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => c == row.Count - 1 ? cell : cell.PadRight(widths[c]));
            writer.Detail(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>A JSON body exactly as paasd sent it, ending in one newline.</summary>
    public static void Json(this TextWriter writer, string json)
    {
        writer.Write(json);
        if (!json.EndsWith('\n')) writer.Write('\n');
    }
}
