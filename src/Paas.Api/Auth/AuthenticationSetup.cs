using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paas.Core.Ssh;

namespace Paas.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>The token scheme, the login cookie, and the policy scheme choosing between them per request.</summary>
    public static IServiceCollection AddPaasAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton(new SessionSettings());
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuthentication(PaasSchemes.Default)
            .AddScheme<AuthenticationSchemeOptions, PaasAuthenticationHandler>(PaasSchemes.Token, null)
            .AddCookie(PaasSchemes.Cookie)
            .AddPolicyScheme(PaasSchemes.Default, "token or login cookie", o => o.ForwardDefaultSelector = SelectScheme);
        services.AddOptions<CookieAuthenticationOptions>(PaasSchemes.Cookie)
            .Configure<SessionSettings>((options, session) => LoginCookie.Configure(options, session));
        return services;
    }

    /// <summary>A caller that brings credentials of its own (or is on the socket) is never judged by a cookie it may also carry.</summary>
    private static string SelectScheme(HttpContext context) =>
        Listener.IsUnixSocket(context) || context.Request.Headers.ContainsKey("Authorization") || context.Request.Headers.ContainsKey(SshGitWire.KeyHeader)
            ? PaasSchemes.Token
            : PaasSchemes.Cookie;
}
