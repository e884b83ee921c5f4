using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paas.Core.Auth;
using Paas.Core.Ssh;
using Paas.Engine.Ssh;
using Paas.Engine.Tokens;

namespace Paas.Api.Auth;

/// <summary>
/// A caller on the local unix socket is the administrator (the socket is root/paas-group only);
/// any other caller must present <c>Authorization: Bearer TOKEN</c>. On the socket, <c>paas ssh-command</c> names
/// the SSH key a login used (<see cref="SshGitWire.KeyHeader"/>) and the request acts as that key's user, never as
/// the administrator; over TCP that header is refused, as anyone could send it.
/// </summary>
public sealed class PaasAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenOperations tokens,
    SshKeyOperations sshKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "paas";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? sshKey = Request.Headers[SshGitWire.KeyHeader];
        if (Listener.IsUnixSocket(Context))
            return sshKey is null ? Success(await tokens.LocalAdminAsync(Context.RequestAborted)) : await SshKeyAsync(sshKey);
        if (sshKey is not null)
            return AuthenticateResult.Fail(new SshKeyRefusedException($"{SshGitWire.KeyHeader} is accepted on paasd's local socket only"));

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
        var detail = result.Failure is SshKeyRefusedException refused
            ? refused.Message
            : (result.Failure?.Message ?? "no token given") + ": send 'Authorization: Bearer TOKEN' with a token from `paas tokens:create NAME`";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "this token may not do that");

    private async Task<AuthenticateResult> SshKeyAsync(string header)
    {
        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            return AuthenticateResult.Fail(new SshKeyRefusedException($"{SshGitWire.KeyHeader} '{header}' is not a key id"));
        var actor = await sshKeys.AuthenticateAsync(keyId, Context.RequestAborted);
        return actor is null
            ? AuthenticateResult.Fail(new SshKeyRefusedException($"SSH key {keyId} is unknown or was removed: add your key again with `paas ssh-keys:add NAME KEY`"))
            : Success(actor);
    }

    private AuthenticateResult Success(Actor actor)
    {
        var identity = new ClaimsIdentity(ActorClaims.From(actor), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
