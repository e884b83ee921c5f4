using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Paas.Core.Auth;
using Paas.Engine.Users;

namespace Paas.Api.Auth;

/// <summary>
/// The login cookie: what it carries (the actor's claims and the user's security stamp), how it is issued, and how it
/// is re-checked (at most every <see cref="SessionSettings.CheckInterval"/>, or at once after a password change in this
/// paasd) so that changing the password or removing the user ends every login.
/// </summary>
public static class LoginCookie
{
    public const string StampClaim = LoginClaims.SecurityStamp;
    private const string StartedKey = "paas.started";
    private const string CheckedKey = "paas.checked";

    public static void Configure(CookieAuthenticationOptions options, SessionSettings session)
    {
        options.Cookie.Name = PaasSchemes.CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = session.IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = Core.Contracts.ApiRoutes.LoginPage;
        options.LogoutPath = Core.Contracts.ApiRoutes.Logout;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidateAsync;
        options.Events.OnRedirectToLogin = RedirectToLoginAsync;
        options.Events.OnRedirectToAccessDenied = AccessDeniedAsync;
    }

    public static async Task SignInAsync(HttpContext context, Actor actor, string securityStamp, DateTimeOffset now)
    {
        // NameIdentifier is what antiforgery binds a logged-in user's form tokens to (otherwise all claims, stamp included).
        Claim[] own = [new(StampClaim, securityStamp), new(ClaimTypes.NameIdentifier, actor.UserId.ToString(CultureInfo.InvariantCulture))];
        var identity = new ClaimsIdentity(ActorClaims.From(actor).Concat(own), PaasSchemes.Cookie);
        var properties = new AuthenticationProperties { IsPersistent = true, AllowRefresh = true };
        properties.Items[StartedKey] = Format(now);
        properties.Items[CheckedKey] = Format(now);
        await context.SignInAsync(PaasSchemes.Cookie, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>Paths answered with 401/403 problem+json rather than a redirect to the login page: callers there are programs.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/git") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/openapi")
        || path.StartsWithSegments(Core.Contracts.ApiRoutes.PrometheusMetrics);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var session = services.GetRequiredService<SessionSettings>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
        if (context.Principal is null || stamp is null || !TryRead(context.Properties, StartedKey, out var started)
            || now - started > session.MaxLifetime || !TryActor(context.Principal, out var actor))
        {
            await RejectAsync(context);
            return;
        }
        if (TryRead(context.Properties, CheckedKey, out var checkedAt) && now - checkedAt < session.CheckInterval
            && !services.GetRequiredService<CredentialChanges>().ChangedSince(actor.UserId, checkedAt))
            return;

        var current = await services.GetRequiredService<LoginOperations>().ValidateSessionAsync(actor.UserId, stamp, context.HttpContext.RequestAborted);
        if (current is null)
        {
            await RejectAsync(context);
            return;
        }
        context.Properties.Items[CheckedKey] = Format(now);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(PaasSchemes.Cookie);
    }

    private static async Task RedirectToLoginAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!IsApiPath(context.Request.Path))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
            "no token given: send 'Authorization: Bearer TOKEN' with a token from `paas tokens:create NAME`, or log in with POST /auth/login");
    }

    private static async Task AccessDeniedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!IsApiPath(context.Request.Path))
        {
            await ForbiddenPage.WriteAsync(context.HttpContext);
            return;
        }
        await Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "this user may not do that");
    }

    private static bool TryActor(ClaimsPrincipal principal, out Actor actor)
    {
        try
        {
            actor = principal.ToActor();
            return true;
        }
        catch (Exception e) when (e is NullReferenceException or FormatException or ArgumentException)
        {
            actor = null!;
            return false;
        }
    }

    private static string Format(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static bool TryRead(AuthenticationProperties properties, string key, out DateTimeOffset at)
    {
        at = default;
        if (!properties.Items.TryGetValue(key, out var text)
            || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
            return false;
        at = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}
