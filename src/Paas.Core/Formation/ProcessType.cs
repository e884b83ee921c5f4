using System.Text.RegularExpressions;

namespace Paas.Core.Formation;

/// <summary>Procfile process type names (web, worker, release, any name).</summary>
public static partial class ProcessType
{
    public const string Rule = "^[a-z0-9][a-z0-9_-]{0,29}$";
    public const string Web = "web";

    // The rule as users read it ends in $; matching uses \z, since $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,29}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string Problem(string? name) =>
        $"process type '{name}' is invalid: it must match {Rule} (as in a Procfile: lower-case letters, digits, '-' and '_')";
}
