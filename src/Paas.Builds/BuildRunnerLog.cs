using Microsoft.Extensions.Logging;

namespace Paas.Builds;

/// <summary>paasd's log lines about builds (app names and ids only: never config values).</summary>
internal static partial class BuildRunnerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Build {BuildId} of app {App} ({Commit}) started on {Stack}")]
    public static partial void Started(ILogger logger, long buildId, string app, string commit, string stack);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Build {BuildId} of app {App} produced {Image} ({Digest}) in {Elapsed}")]
    public static partial void Succeeded(ILogger logger, long buildId, string app, string image, string digest, TimeSpan elapsed);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Build {BuildId} of app {App} failed: {Reason}")]
    public static partial void Failed(ILogger logger, long buildId, string app, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Build {BuildId} of app {App} was cancelled")]
    public static partial void Cancelled(ILogger logger, long buildId, string app);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Workspace {Path} of build {BuildId} could not be removed")]
    public static partial void WorkspaceNotRemoved(ILogger logger, Exception error, long buildId, string path);
}
