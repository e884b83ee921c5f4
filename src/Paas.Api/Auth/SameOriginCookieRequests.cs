using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Paas.Api.Auth;

/// <summary>
/// A request that changes something (any method but GET/HEAD/OPTIONS/TRACE) or opens a WebSocket, authenticated by
/// the login cookie, must come from paasd's own pages: its Origin names this host (or the browser says Sec-Fetch-Site:
/// same-origin). SameSite=Lax alone is not enough: apps served on sibling subdomains (APP.$PAAS_DOMAIN) are the same
/// site, and their pages could otherwise make the browser act with the cookie. Token callers send no cookie and are not
/// concerned. The scheme is not compared, so a TLS-terminating proxy in front does not break it. POST /auth/login is
/// exempt: its form carries an antiforgery token, and its JSON cannot be sent cross-site without a CORS preflight.
/// </summary>
public sealed class SameOriginCookieRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: PaasSchemes.Cookie }
            && (!IsSafe(request.Method) || IsWebSocketUpgrade(request))
            && request.Path != Core.Contracts.ApiRoutes.Login
            && !IsSameOrigin(request))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"a request made with the login cookie must come from this site's own pages (Origin '{request.Headers.Origin}' is not {request.Host}); "
                + "programs should send 'Authorization: Bearer TOKEN' instead");
            return;
        }
        await next(context);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>Read from the header: the WebSocket feature exists only where UseWebSockets ran, which may come later.</summary>
    private static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.Any(u => u is not null && u.Contains("websocket", StringComparison.OrdinalIgnoreCase));

    private static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] == "same-origin")
            return true;
        string? origin = request.Headers.Origin;
        return origin is not null && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && request.Host.HasValue
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

public static class SameOriginCookieRequestsExtensions
{
    /// <summary>After UseAuthentication: it needs to know whether the cookie authenticated the request.</summary>
    public static IApplicationBuilder UseSameOriginForCookies(this IApplicationBuilder app) => app.UseMiddleware<SameOriginCookieRequests>();
}
