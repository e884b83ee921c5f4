using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Paas.Api.Auth;
using Paas.Api.SshGit;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Core.Ssh;
using Paas.Engine.Git;
using Paas.Engine.Ssh;

namespace Paas.Api.Endpoints;

/// <summary>
/// What <c>paas ssh-command</c> (sshd's forced command, run as the paas system user) asks of paasd: which key
/// logged in, and a git exchange upgraded onto the connection (<see cref="SshGitWire"/>). Both exist on the unix
/// socket only and act as the SSH key's user, whom the authentication handler found from <see cref="SshGitWire.KeyHeader"/>.
/// </summary>
public static partial class SshSessionApi
{
    [GeneratedRegex(@"^[A-Za-z0-9=:.,_-]{1,64}\z")]
    private static partial Regex GitProtocolPattern();

    public static IEndpointRouteBuilder MapSshSessionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(ApiRoutes.SshSessionKey, CurrentKey).WithTags("SSH").WithName("SshSessionKey").ExcludeFromDescription().RequireLocalSocket();
        routes.MapPost(ApiRoutes.SshGitPath, ServeGit).WithTags("SSH").WithName("SshGit").ExcludeFromDescription().RequireLocalSocket();
        return routes;
    }

    public static async Task<Results<Ok<SshKeyView>, ProblemHttpResult>> CurrentKey(HttpContext context, SshKeyOperations keys, CancellationToken ct)
    {
        if (KeyId(context) is not { } keyId)
            return NotAnSshSession();
        var key = await keys.FindAsync(keyId, ct);
        return key is null ? NotAnSshSession() : TypedResults.Ok(key);
    }

    public static async Task<IResult> ServeGit(HttpContext context, string app, string service, ClaimsPrincipal user, GitOperations git,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true }
            || !string.Equals(context.Request.Headers.Upgrade, SshGitWire.UpgradeProtocol, StringComparison.OrdinalIgnoreCase))
            return Problem(400, $"send 'Connection: Upgrade' and 'Upgrade: {SshGitWire.UpgradeProtocol}': this endpoint carries a git exchange for `paas ssh-command`");
        if (KeyId(context) is null)
            return NotAnSshSession();
        GitService gitService;
        if (service == "receive-pack") gitService = GitService.ReceivePack;
        else if (service == "upload-pack") gitService = GitService.UploadPack;
        else return Problem(400, $"service '{service}' is not a git service: use receive-pack or upload-pack");

        var environment = new Dictionary<string, string>();
        // git over SSH passes GIT_PROTOCOL (version=2) when sshd accepts it; forward only the plain form.
        if (context.Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol && GitProtocolPattern().IsMatch(protocol))
            environment["GIT_PROTOCOL"] = protocol;

        var actor = user.ToActor();
        context.Response.Headers.Upgrade = SshGitWire.UpgradeProtocol;
        await using var connection = await upgrade.UpgradeAsync();
        await RunAsync(connection, actor, app, new GitSession(gitService, StatelessRpc: false, AdvertiseRefsOnly: false, environment),
            git, loggers.CreateLogger(typeof(SshSessionApi)), ct);
        return Results.Empty;
    }

    private static async Task RunAsync(Stream connection, Actor actor, string app, GitSession session, GitOperations git, ILogger logger,
        CancellationToken ct)
    {
        var writer = new SshGitFrameWriter(connection);
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = new SshGitInputStream(new SshGitFrameReader(connection), abandoned);
        int exitCode;
        try
        {
            exitCode = await git.ServeAsync(actor, app, session, input, new SshGitOutputStream(writer), abandoned.Token);
        }
        catch (PaasException e)
        {
            await writer.WriteAsync(SshGitFrameKind.Error, Encoding.UTF8.GetBytes(e.Message), ct);
            exitCode = 1;
        }
        catch (Exception e) when (abandoned.IsCancellationRequested || e is IOException)
        {
            // The SSH client went away: git was killed, and there is no one left to tell.
            LogAbandoned(logger, app, e.Message);
            return;
        }
        catch (Exception e)
        {
            LogFailed(logger, app, e);
            await writer.WriteAsync(SshGitFrameKind.Error, "paasd failed to serve git; its log has the details"u8.ToArray(), ct);
            exitCode = 1;
        }
        await writer.WriteExitAsync(exitCode, ct);
    }

    private static long? KeyId(HttpContext context) =>
        long.TryParse(context.Request.Headers[SshGitWire.KeyHeader].ToString(), out var id) ? id : null;

    private static ProblemHttpResult NotAnSshSession() =>
        Problem(400, $"this endpoint serves `paas ssh-command`: send {SshGitWire.KeyHeader} with the id of an existing SSH key");

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: "Bad request");

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "SSH git session for {App} ended by the client: {Reason}")]
    private static partial void LogAbandoned(ILogger logger, string app, string reason);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "SSH git session for {App} failed")]
    private static partial void LogFailed(ILogger logger, string app, Exception exception);
}
