using System.Text.RegularExpressions;

namespace Paas.Core.Stacks;

/// <summary>Stack names: lower case letter first, then letters, digits and dashes, at most 63 characters.</summary>
public static partial class StackName
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"invalid stack name '{name}': use a lower case letter followed by up to 62 lower case letters, digits or dashes",
                nameof(name));
        }
    }

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();
}
