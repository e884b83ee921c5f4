using System.Net;
using System.Text.RegularExpressions;

namespace Paas.Core.Domains;

/// <summary>
/// Which host names an app may claim with <c>domains:add</c>. Beyond the syntax of
/// <see cref="DomainName"/>: no IP literals in any form a resolver or browser accepts (127.1,
/// 0x7f.1, 2130706433, ::1), nothing under <c>localhost</c>, and nothing under the platform domain
/// except the app's own <c>APP.$PAAS_DOMAIN</c>, which paasd hands out by app name.
/// </summary>
public static partial class AppDomains
{
    // WHATWG URL and inet_aton take a host whose last label is a number (decimal, octal or 0x hex) as IPv4.
    [GeneratedRegex(@"^(0x[0-9a-f]*|[0-9]+)\z")]
    private static partial Regex NumericLabel();

    /// <summary>Null when <paramref name="app"/> may route <paramref name="domain"/>, else what is wrong and what to do.</summary>
    public static string? Problem(string domain, string app, string platformDomain)
    {
        var name = DomainName.Normalize(domain);
        if (IsIpLiteral(name))
            return $"domain '{domain}' is an IP address: domains must be host names such as www.example.com";
        var platform = DomainName.Normalize(platformDomain);
        var own = $"{app}.{platform}";
        if (name == own) return DomainName.Problem(domain);
        if (name == platform || name.EndsWith("." + platform, StringComparison.Ordinal))
            return $"domain '{domain}' is the platform domain or a name under it ({platform}): an app gets only its own {own}; use a domain of your own";
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
            return $"domain '{domain}' is a localhost name, which always means this machine: use a public host name";
        return DomainName.Problem(domain);
    }

    public static bool IsIpLiteral(string normalized)
    {
        var unbracketed = normalized.TrimStart('[').TrimEnd(']');
        if (unbracketed.Contains(':'))
            return IPAddress.TryParse(unbracketed, out _) || unbracketed.Length > 0 && unbracketed.All(c => Uri.IsHexDigit(c) || c is ':' or '.' or '%');
        var last = unbracketed[(unbracketed.LastIndexOf('.') + 1)..];
        return last.Length > 0 && NumericLabel().IsMatch(last);
    }
}
