using Paas.Core.Config;
using Paas.Core.Contracts;

namespace Paas.Dashboard.AppPages.Config;

/// <summary>
/// Config edits collected on the page before they are saved together: new keys, changed values and
/// removed keys become one config:set/unset (one release, one restart).
/// </summary>
public sealed class ConfigDraft
{
    public sealed class Row
    {
        public string Key { get; set; } = "";
        public string Value { get; set; } = "";
        public string? Original { get; init; }
        public bool IsNew => Original is null;
        public bool Removed { get; set; }
        public bool Editing { get; set; }
        public bool Changed => Removed || IsNew || Value != Original;
    }

    public List<Row> Rows { get; } = [];

    public static ConfigDraft From(IReadOnlyDictionary<string, string> config)
    {
        var draft = new ConfigDraft();
        foreach (var (key, value) in config.OrderBy(c => c.Key, StringComparer.Ordinal))
            draft.Rows.Add(new Row { Key = key, Value = value, Original = value });
        return draft;
    }

    public Row Add()
    {
        var row = new Row { Editing = true };
        Rows.Add(row);
        return row;
    }

    public bool HasChanges => Rows.Any(r => r.Changed && !(r.IsNew && r.Removed));

    /// <summary>Every problem at once, each saying what to fix; empty when the draft can be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var row in Rows.Where(r => r.IsNew && !r.Removed))
        {
            if (!ConfigKey.IsValid(row.Key)) problems.Add(ConfigKey.Problem(row.Key));
        }
        var duplicates = Rows.Where(r => !r.Removed).GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0);
        problems.AddRange(duplicates.Select(d => $"config key '{d.Key}' is listed twice: keep one"));
        return problems;
    }

    public ConfigChangeRequest ToRequest(bool noRestart)
    {
        var set = Rows.Where(r => !r.Removed && (r.IsNew || r.Value != r.Original)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var unset = Rows.Where(r => r.Removed && !r.IsNew).Select(r => r.Key).ToList();
        return new ConfigChangeRequest(set, unset, noRestart);
    }
}
