using System.Text.RegularExpressions;

namespace Paas.Core.Config;

/// <summary>Config keys become environment variable names, so they follow the POSIX name rule.</summary>
public static partial class ConfigKey
{
    public const string Rule = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>Far beyond any real variable name, and short enough for the primary key's index (a btree row holds about 2.7 kB).</summary>
    public const int MaxLength = 256;

    // The rule as users read it ends in $; matching uses \z, since $ also matches before a trailing newline.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(key);

    public static string Problem(string? key) =>
        key is { Length: > MaxLength }
            ? $"config key '{key[..32]}...' is {key.Length} characters long: use at most {MaxLength}"
            : $"config key '{key}' is invalid: it must match {Rule} (letters, digits and underscores, not starting with a digit)";
}
