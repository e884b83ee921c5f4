using Paas.Core.Checks;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Formation;

namespace Paas.Engine.Checks;

/// <summary>The TYPES argument of checks:disable|enable|skip, read and checked; and selections as the API shows them.</summary>
internal static class CheckProcessTypes
{
    private const int MaxTypes = 100;

    /// <summary>Null for every process type (no types, or "_all_"), else the types named.</summary>
    public static IReadOnlyList<string>? Parse(IReadOnlyList<string>? items)
    {
        var types = (items ?? []).SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0 || types is [ProcessTypeSelection.AllToken]) return null;
        var errors = new ValidationErrors();
        if (types.Count > MaxTypes)
            errors.Add("processTypes", $"{types.Count} process types: at most {MaxTypes}");
        else if (types.Contains(ProcessTypeSelection.AllToken))
            errors.Add("processTypes", $"{ProcessTypeSelection.AllToken} means every process type: give it alone, or list the types");
        else
            foreach (var type in types.Where(t => !ProcessType.IsValid(t)))
                errors.Add("processTypes", ProcessType.Problem(type));
        errors.ThrowIfAny();
        return types;
    }

    public static string Describe(IReadOnlyList<string>? types) => types is null ? ProcessTypeSelection.AllToken : string.Join(',', types);

    public static CheckProcessTypesView ToView(ProcessTypeSelection selection) =>
        new(selection.IsAll, selection.IsAll ? [] : selection.Types, selection.IsAll ? selection.Types : [], selection.ToString());
}
