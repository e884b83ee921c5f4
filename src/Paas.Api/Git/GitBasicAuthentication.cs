using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Paas.Api.Auth;
using Paas.Core.Auth;
using Paas.Engine.Tokens;

namespace Paas.Api.Git;

/// <summary>
/// git over HTTP authenticates with Basic: any user name, an API token as the password
/// (https://x:TOKEN@HOST/git/APP.git). git sends credentials only after a 401 that asks for Basic,
/// so every push starts with one; that is the protocol, not a failed login.
/// </summary>
public static class GitBasicAuthentication
{
    public const string Challenge = "Basic realm=\"paas\"";

    /// <summary>The actor, or null when no valid token was presented (the caller answers 401).</summary>
    public static async Task<Actor?> AuthenticateAsync(HttpContext context, TokenOperations tokens, CancellationToken ct)
    {
        if (Listener.IsUnixSocket(context))
            return await tokens.LocalAdminAsync(ct);
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return null;
        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = credentials.IndexOf(':');
        var token = colon < 0 ? "" : credentials[(colon + 1)..];
        return token.Length == 0 ? null : await tokens.AuthenticateAsync(token, ct);
    }

    public static async Task ChallengeAsync(HttpContext context, CancellationToken ct)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            "authentication required: use an API token from `paas tokens:create NAME` as the password (https://x:TOKEN@HOST/git/APP.git)\n", ct);
    }
}
