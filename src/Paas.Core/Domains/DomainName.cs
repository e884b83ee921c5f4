using System.Text.RegularExpressions;

namespace Paas.Core.Domains;

/// <summary>Host names routed to an app: RFC 1123 labels, lower case, an optional leading wildcard label.</summary>
public static partial class DomainName
{
    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z")]
    private static partial Regex Pattern();

    public static string Normalize(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    public static string? Problem(string domain)
    {
        var normalized = Normalize(domain);
        if (normalized.Length is 0 or > 253 || !Pattern().IsMatch(normalized))
            return $"domain '{domain}' is invalid: use a host name such as www.example.com (letters, digits, dashes and dots; an optional leading '*.')";
        return null;
    }
}
