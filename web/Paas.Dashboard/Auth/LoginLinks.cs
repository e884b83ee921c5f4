namespace Paas.Dashboard.Auth;

/// <summary>The login and logout endpoints of the accounts feature, and the dashboard's own login page.</summary>
public static class LoginLinks
{
    public const string LoginPage = "/login";
    public const string LoginPost = "/auth/login";
    public const string LogoutPost = "/auth/logout";

    /// <summary>/login?returnUrl=/relative: only a local path is ever sent back, so the form cannot redirect elsewhere.</summary>
    public static string LoginPath(string relative) =>
        relative.Length == 0 ? LoginPage : $"{LoginPage}?returnUrl={Uri.EscapeDataString("/" + relative.TrimStart('/'))}";

    /// <summary>A return URL the login form may carry: a local absolute path ("/apps"), never "//host" or a full URL.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/apps";
}
