using System.Text.RegularExpressions;

namespace Paas.Core.Auth;

/// <summary>User names: lower case, as Unix user names are, so `Alice` and `alice` cannot be two people.</summary>
public static partial class UserName
{
    [GeneratedRegex(@"^[a-z][a-z0-9._-]{0,31}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string? Problem(string? name) =>
        IsValid(name)
            ? null
            : $"user name '{name}' is invalid: use lower-case letters, digits, '.', '_' and '-', starting with a letter, at most 32 characters";
}
