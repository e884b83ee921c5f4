using System.Text.RegularExpressions;

namespace Paas.Core.Images;

/// <summary>
/// Image names as the OCI ref.name annotation and Docker allow them: lower-case path components
/// joined by "/" (a component may contain ".", "_" or "-" between alphanumerics), an optional
/// ":tag". Examples: "stack/host", "app/web:v12", "localhost/app:v3".
/// </summary>
public static partial class ImageReference
{
    public static bool IsValid(string? reference) =>
        reference is not null && reference.Length <= 255 && Pattern().IsMatch(reference)
        && !reference.StartsWith("sha256:", StringComparison.Ordinal); // that is how digests are looked up

    /// <summary>Why <paramref name="reference"/> is not valid and how to write one; null when it is.</summary>
    public static string? Problem(string? reference) => IsValid(reference)
        ? null
        : $"invalid image reference '{reference}': use lower-case name components separated by '/', optionally followed by ':tag' (e.g. app/web:v3)";

    public static void Validate(string? reference)
    {
        if (Problem(reference) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reference));
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?\z")]
    private static partial Regex Pattern();
}
