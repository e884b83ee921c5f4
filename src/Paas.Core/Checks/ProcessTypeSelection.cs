namespace Paas.Core.Checks;

/// <summary>
/// The process types `checks:disable` or `checks:skip` apply to: none, a list, or all of them
/// (Dokku's <c>_all_</c>), optionally all but some, which is what enabling one type of "all"
/// leaves (Dokku silently kept <c>_all_</c> there). Immutable; stored as text in app settings.
/// </summary>
public sealed class ProcessTypeSelection : IEquatable<ProcessTypeSelection>
{
    /// <summary>Dokku's word for every process type; not a valid process type name, so never ambiguous.</summary>
    public const string AllToken = "_all_";

    private ProcessTypeSelection(bool all, IEnumerable<string> types)
    {
        IsAll = all;
        Types = types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static ProcessTypeSelection None { get; } = new(false, []);

    public static ProcessTypeSelection All { get; } = new(true, []);

    public static ProcessTypeSelection Of(IEnumerable<string> types) => new(false, types);

    public bool IsAll { get; }

    /// <summary>The types listed; with <see cref="IsAll"/>, the types excepted.</summary>
    public IReadOnlyList<string> Types { get; }

    public bool IsNone => !IsAll && Types.Count == 0;

    public bool Contains(string processType) => IsAll != Types.Contains(processType, StringComparer.Ordinal);

    public ProcessTypeSelection With(IEnumerable<string> types) =>
        IsAll ? new(true, Types.Except(types, StringComparer.Ordinal)) : new(false, Types.Concat(types));

    public ProcessTypeSelection Without(IEnumerable<string> types) =>
        IsAll ? new(true, Types.Concat(types)) : new(false, Types.Except(types, StringComparer.Ordinal));

    /// <summary>"web,worker", "_all_" or "_all_,-web"; empty for none.</summary>
    public string ToStored() => IsAll ? string.Join(',', Types.Select(t => "-" + t).Prepend(AllToken)) : string.Join(',', Types);

    /// <summary>Reads <see cref="ToStored"/>'s text; null or empty is none.</summary>
    public static ProcessTypeSelection FromStored(string? text)
    {
        var items = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Contains(AllToken)
            ? new(true, items.Where(i => i.StartsWith('-')).Select(i => i[1..]))
            : new(false, items.Where(i => i != AllToken && !i.StartsWith('-')));
    }

    /// <summary>As reports show it, Dokku's way: "none", "_all_", "web,worker", "_all_ except web".</summary>
    public override string ToString() =>
        IsAll ? (Types.Count == 0 ? AllToken : $"{AllToken} except {string.Join(',', Types)}")
        : Types.Count == 0 ? "none" : string.Join(',', Types);

    public bool Equals(ProcessTypeSelection? other) => other is not null && ToStored() == other.ToStored();

    public override bool Equals(object? obj) => Equals(obj as ProcessTypeSelection);

    public override int GetHashCode() => ToStored().GetHashCode(StringComparison.Ordinal);
}
