namespace Paas.Core.Auth;

/// <summary>
/// Claims a login cookie carries besides <see cref="ActorClaims"/>: the user's security stamp when they logged in. The
/// dashboard re-checks a long-lived circuit with it (Engine's LoginOperations.ValidateSessionAsync), as paasd re-checks the cookie.
/// </summary>
public static class LoginClaims
{
    public const string SecurityStamp = "paas:stamp";
}
