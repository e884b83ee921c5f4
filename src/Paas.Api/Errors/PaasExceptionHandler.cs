using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paas.Core.Errors;

namespace Paas.Api.Errors;

/// <summary>
/// Turns expected failures into problem+json with the right status; anything else is a 500 whose
/// detail says nothing about internals (the log has the exception).
/// </summary>
public sealed partial class PaasExceptionHandler(ILogger<PaasExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = Describe(exception);
        if (status == 500)
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
        if (exception is StateUnavailableException unavailable)
        {
            LogStateUnavailable(logger, context.Request.Method, context.Request.Path, unavailable.Reason);
            context.Response.Headers.RetryAfter = "5";
        }
        await Problems.WriteAsync(context, status, title, detail, errors);
        return true;
    }

    /// <summary>The problem an exception stands for (500 with nothing of the internals for an unexpected one); also for failures reported over a WebSocket.</summary>
    public static (int Status, string Title, string Detail, IDictionary<string, string[]>? Errors) Describe(Exception exception) =>
        exception switch
        {
            ValidationException e => (400, "Invalid request", e.Message,
                (IDictionary<string, string[]>?)e.Errors.ToDictionary(x => x.Key, x => x.Value)),
            NotFoundException e => (404, "Not found", e.Message, null),
            ConflictException e => (409, "Conflict", e.Message, null),
            ForbiddenException e => (403, "Forbidden", e.Message, null),
            Core.Builds.BuildFailedException e => (422, "Build failed", e.Message, null),
            Core.Deploys.DeployFailedException e => (422, "Deploy failed", e.Message, null),
            StateUnavailableException e => (503, StateUnavailableException.Title, e.Message, null),
            BadHttpRequestException e => (e.StatusCode, "Bad request", BadRequestDetail(e), null),
            _ => (500, "Internal error", "paasd failed to handle the request; its log has the details", null),
        };

    /// <summary>A malformed or unknown-field body surfaces as a JsonException inside the bad request.</summary>
    private static string BadRequestDetail(BadHttpRequestException e) =>
        e.InnerException is JsonException json
            ? $"the request body is not valid: {json.Message}"
            : e.Message;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "State database unavailable in {Method} {Path}: {Reason}")]
    private static partial void LogStateUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
