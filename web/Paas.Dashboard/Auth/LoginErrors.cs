namespace Paas.Dashboard.Auth;

/// <summary>What /auth/login's redirect (<c>/login?error=...</c>) means, in words for the person at the form.</summary>
public static class LoginErrors
{
    public static string? Describe(string? code) => code switch
    {
        null or "" => null,
        "invalid" => "Wrong username or password.",
        "throttled" => "Too many failed attempts. Wait a minute, then try again.",
        _ => "Logging in failed. Try again.",
    };
}
