using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Paas.Core.Contracts;
using Paas.Core.Git;
using Paas.Engine.Git;
using Paas.Engine.Tokens;

namespace Paas.Api.Git;

/// <summary>
/// git's smart HTTP protocol at /git/APP.git: one request for the ref advertisement, one for the
/// pack, each served by a git process whose output is streamed to the client as it comes (hook
/// output reaches the pusher live). Bodies have no size limit here and are never held in memory.
/// A client that goes away kills git, so an aborted push updates no ref.
/// </summary>
public static partial class GitHttpApi
{
    private const string UploadPack = "git-upload-pack";
    private const string ReceivePack = "git-receive-pack";

    public static IEndpointRouteBuilder MapGitHttpApi(this IEndpointRouteBuilder routes)
    {
        var git = routes.MapGroup(ApiRoutes.GitHttp).WithTags("Git").ExcludeFromDescription();
        git.MapGet("/{app}.git/info/refs", AdvertiseRefs).WithName("GitInfoRefs");
        // Two literal routes: paasd's slim host has no regex route constraints.
        git.MapPost("/{app}.git/" + UploadPack, (HttpContext context, string app, TokenOperations tokens, GitOperations git) =>
            Exchange(context, app, UploadPack, tokens, git)).WithName("GitUploadPack");
        git.MapPost("/{app}.git/" + ReceivePack, (HttpContext context, string app, TokenOperations tokens, GitOperations git) =>
            Exchange(context, app, ReceivePack, tokens, git)).WithName("GitReceivePack");
        return routes;
    }

    public static async Task AdvertiseRefs(HttpContext context, string app, TokenOperations tokens, GitOperations git, string? service = null)
    {
        var ct = context.RequestAborted;
        if (service is not (UploadPack or ReceivePack))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid request",
                $"paasd serves git's smart HTTP protocol only (service={UploadPack} or {ReceivePack}); use git 1.6.6 or newer");
            return;
        }
        if (await GitBasicAuthentication.AuthenticateAsync(context, tokens, ct) is not { } actor)
        {
            await GitBasicAuthentication.ChallengeAsync(context, ct);
            return;
        }
        var protocol = GitProtocol(context);
        StartResponse(context, $"application/x-{service}-advertisement");
        // Protocol v2 has no `# service=` preamble; v0/v1 clients expect it before git's own output.
        var body = protocol?.Contains("version=2", StringComparison.Ordinal) == true
            ? context.Response.Body
            : new PrefixedStream(context.Response.Body, ServicePreamble(service));
        await ServeAsync(context, git, actor, app, Session(service, advertiseRefsOnly: true, protocol), Stream.Null, body);
    }

    public static async Task Exchange(HttpContext context, string app, string service, TokenOperations tokens, GitOperations git)
    {
        var ct = context.RequestAborted;
        if (await GitBasicAuthentication.AuthenticateAsync(context, tokens, ct) is not { } actor)
        {
            await GitBasicAuthentication.ChallengeAsync(context, ct);
            return;
        }
        // A 100 MB push is normal; the body streams to git and is never buffered.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        Stream input;
        switch (context.Request.Headers.ContentEncoding.ToString())
        {
            case "":
            case "identity":
                input = context.Request.Body;
                break;
            case "gzip":
            case "x-gzip":
                input = new GZipStream(context.Request.Body, CompressionMode.Decompress);
                break;
            default:
                await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported encoding",
                    $"Content-Encoding '{context.Request.Headers.ContentEncoding}' is not supported: send the body plain or gzip");
                return;
        }
        StartResponse(context, $"application/x-{service}-result");
        await using (input)
            await ServeAsync(context, git, actor, app, Session(service, advertiseRefsOnly: false, GitProtocol(context)), input, context.Response.Body);
    }

    private static async Task ServeAsync(HttpContext context, GitOperations git, Core.Auth.Actor actor, string app, GitSession session,
        Stream input, Stream output)
    {
        try
        {
            await git.ServeAsync(actor, app, session, input, output, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (Ctrl-C): git was killed, nothing is left to answer.
        }
    }

    private static void StartResponse(HttpContext context, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.Pragma = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static GitSession Session(string service, bool advertiseRefsOnly, string? protocol)
    {
        var environment = new Dictionary<string, string>();
        if (protocol is not null) environment["GIT_PROTOCOL"] = protocol;
        return new GitSession(service == ReceivePack ? GitService.ReceivePack : GitService.UploadPack,
            StatelessRpc: true, advertiseRefsOnly, environment);
    }

    /// <summary>The Git-Protocol header (`version=2`), passed to git as GIT_PROTOCOL when it is plain key=value text.</summary>
    private static string? GitProtocol(HttpContext context)
    {
        var value = context.Request.Headers["Git-Protocol"].ToString();
        return value.Length is > 0 and <= 256 && ProtocolPattern().IsMatch(value) ? value : null;
    }

    private static byte[] ServicePreamble(string service)
    {
        var line = $"# service={service}\n";
        return Encoding.ASCII.GetBytes($"{line.Length + 4:x4}{line}0000");
    }

    [GeneratedRegex(@"^[A-Za-z0-9=:.,_-]+\z")]
    private static partial Regex ProtocolPattern();
}
