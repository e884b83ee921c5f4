using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Paas.Api.Auth;
using Paas.Api.Git;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Engine.Git;

namespace Paas.Api.Endpoints;

/// <summary>
/// Where the pre-receive hook (`paas hook pre-receive`) hands a push to the Engine. Unix socket only:
/// on TCP it does not exist. The push is named by its one-time token, never by the caller.
/// </summary>
public static partial class PreReceiveApi
{
    public static RouteHandlerBuilder MapPreReceiveApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost(ApiRoutes.PreReceive, PreReceive).WithTags("Git").WithName("PreReceive").ExcludeFromDescription();

    public static async Task PreReceive(HttpContext context, PreReceiveRequest request, PushReceiver receiver, ILoggerFactory loggers)
    {
        if (!Listener.IsUnixSocket(context))
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "no such endpoint");
            return;
        }
        var updates = Validate(request);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = new NdjsonHookOutput(context.Response);
        var ct = context.RequestAborted;
        int exit;
        try
        {
            exit = await receiver.PreReceiveAsync(request.PushToken, request.QuarantinePath, updates, output, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (output.Started && e is not OperationCanceledException)
        {
            // The pusher has seen output already: the answer can only be one more line and a rejection.
            LogFailed(loggers.CreateLogger(typeof(PreReceiveApi)), e);
            await output.WriteLineAsync(Core.Builds.BuildOutput.Error(
                e is PaasException ? e.Message : "the push failed inside paasd; its log has the details"), ct);
            exit = 1;
        }
        await output.WriteExitAsync(exit, ct);
    }

    private static List<RefUpdate> Validate(PreReceiveRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.PushToken)) errors.Add("pushToken", "no push token: the hook must run inside a push (PAAS_PUSH_TOKEN)");
        if (request.Updates is null || request.Updates.Count == 0) errors.Add("updates", "no ref updates: git gives the hook one OLD NEW REF line per ref");
        foreach (var update in request.Updates ?? [])
        {
            if (!IsObjectId(update.OldId) || !IsObjectId(update.NewId))
                errors.Add("updates", $"'{update.OldId} {update.NewId} {update.Ref}' does not hold two 40-hex object ids");
            if (string.IsNullOrEmpty(update.Ref) || !update.Ref.StartsWith("refs/", StringComparison.Ordinal))
                errors.Add("updates", $"'{update.Ref}' is not a ref name (refs/...)");
        }
        errors.ThrowIfAny();
        return request.Updates!.Select(u => new RefUpdate(u.OldId, u.NewId, u.Ref)).ToList();
    }

    private static bool IsObjectId(string? id) => id is { Length: 40 } && id.All(char.IsAsciiHexDigitLower);

    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "pre-receive failed after its output started")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
