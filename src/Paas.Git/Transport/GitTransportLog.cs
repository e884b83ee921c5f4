using Microsoft.Extensions.Logging;

namespace Paas.Git.Transport;

internal static partial class GitTransportLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "git {Service} for app {AppId}: {Line}")]
    public static partial void GitStderr(ILogger logger, string service, long appId, string line);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "git {Service} for app {AppId} stopped: {Reason}")]
    public static partial void Killed(ILogger logger, string service, long appId, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "git hooks written to {Directory}")]
    public static partial void HooksWritten(ILogger logger, string directory);
}
