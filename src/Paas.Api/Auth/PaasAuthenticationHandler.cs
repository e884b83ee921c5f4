using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paas.Core.Auth;
using Paas.Engine.Tokens;

namespace Paas.Api.Auth;

/// <summary>
/// A caller on the local unix socket is the administrator (the socket is root/paas-group only);
/// any other caller must present <c>Authorization: Bearer TOKEN</c>.
/// </summary>
public sealed class PaasAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenOperations tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "paas";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Listener.IsUnixSocket(Context))
            return Success(await tokens.LocalAdminAsync(Context.RequestAborted));

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer TOKEN'");

        var actor = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return actor is null ? AuthenticateResult.Fail("the token is unknown or revoked") : Success(actor);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            (result.Failure?.Message ?? "no token given") + ": send 'Authorization: Bearer TOKEN' with a token from `paas tokens:create NAME`");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "this token may not do that");

    private AuthenticateResult Success(Actor actor)
    {
        var identity = new ClaimsIdentity(ActorClaims.From(actor), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
