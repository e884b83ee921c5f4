using Paas.Engine.Ssh;

namespace Paas.Host.Ssh;

/// <summary>
/// Rewrites authorized_keys from the state when paasd starts: a crash between a key's commit and the file's
/// write, or a file edited by hand, is repaired here.
/// </summary>
public sealed partial class AuthorizedKeysAtStart(SshKeyOperations keys, ILogger<AuthorizedKeysAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await keys.WriteAuthorizedKeysAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // SSH logins keep the old file; the API and the other transports are unaffected.
            LogWriteFailed(logger, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "Could not write authorized_keys at start: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string reason);
}
