namespace Paas.Api.Auth;

/// <summary>
/// The authentication schemes paasd registers. <see cref="Default"/> picks <see cref="Token"/> for callers on the
/// unix socket or with an Authorization header (CLI, scripts, git), else <see cref="Cookie"/> (the dashboard's browser).
/// </summary>
public static class PaasSchemes
{
    /// <summary>The policy scheme every endpoint authenticates with by default.</summary>
    public const string Default = "paas-default";

    /// <summary>Bearer tokens, the unix socket and SSH key ids (<see cref="PaasAuthenticationHandler"/>).</summary>
    public const string Token = PaasAuthenticationHandler.SchemeName;

    /// <summary>The login cookie set by POST /auth/login.</summary>
    public const string Cookie = "Cookies";

    /// <summary>The cookie's name in the browser.</summary>
    public const string CookieName = "paas_session";
}
