using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using Paas.Core.Auth;
using Paas.Engine.Users;

namespace Paas.Dashboard.Auth;

/// <summary>
/// The circuit's login, checked again every <see cref="CircuitSessionSettings.RevalidationInterval"/> the way the
/// cookie is on each request: the user must still exist with the security stamp the cookie carries (a password change
/// or a removal renews or drops it). When the check fails the circuit becomes anonymous, and the router sends it to
/// the login form.
/// </summary>
public sealed class RevalidatingLoginState(ILoggerFactory loggers, LoginOperations logins, CircuitSessionSettings settings)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => settings.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var user = state.User;
        if (user.Identity?.IsAuthenticated != true) return true;
        if (user.FindFirst(LoginClaims.SecurityStamp)?.Value is not { } stamp || !TryUserId(user, out var userId)) return false;
        return await logins.ValidateSessionAsync(userId, stamp, cancellationToken) is not null;
    }

    private static bool TryUserId(ClaimsPrincipal user, out long userId)
    {
        try
        {
            userId = user.ToActor().UserId;
            return true;
        }
        catch (Exception e) when (e is NullReferenceException or FormatException or ArgumentException)
        {
            userId = 0;
            return false;
        }
    }
}
