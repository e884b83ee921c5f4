using System.Text.RegularExpressions;
using Paas.Core.Errors;

namespace Paas.Core.Apps;

/// <summary>App names end up in paths, hostnames and cgroup names, hence the strict rule.</summary>
public static partial class AppName
{
    public const string Rule = "^[a-z][a-z0-9-]{0,62}$";

    // The rule as users read it ends in $; matching uses \z, since $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string? Problem(string? name, string what = "app name") =>
        IsValid(name) ? null
        : $"{what} '{name}' is invalid: it must match {Rule} (lower-case letters, digits and dashes, starting with a letter, at most 63 characters)";

    public static void Validate(string? name, string field = "name")
    {
        var problem = Problem(name);
        if (problem is not null) throw new ValidationException(field, problem);
    }
}
