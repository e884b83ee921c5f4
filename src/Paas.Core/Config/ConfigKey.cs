using System.Text.RegularExpressions;

namespace Paas.Core.Config;

/// <summary>Config keys become environment variable names, so they follow the POSIX name rule.</summary>
public static partial class ConfigKey
{
    public const string Rule = "^[A-Za-z_][A-Za-z0-9_]*$";

    // The rule as users read it ends in $; matching uses \z, since $ also matches before a trailing newline.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    public static string Problem(string? key) =>
        $"config key '{key}' is invalid: it must match {Rule} (letters, digits and underscores, not starting with a digit)";
}
